/**
 * The rules editor's quiz drafts, pure: the checks a moderator sees before publishing (the
 * onboarding service checks again), and the edits that keep question ids stable.
 */
export interface QuestionDraft {
  /** Stable for existing questions: members' progress and the history refer to it. */
  id: string;
  prompt: string;
  choices: string[];
  /** Index of the right choice; null until the moderator marks one. */
  answer: number | null;
  explanation?: string;
}

export interface QuizProblem {
  /** `rules.<i>.questions.<j>[.choices.<k>]`, for the field the message belongs to. */
  field: string;
  message: string;
}

export const MAX_QUESTIONS = 10;
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 6;

/** Every problem of one rule's quiz, in words; `ruleIndex` and `title` place it for the moderator. */
export function quizProblems(
  ruleIndex: number,
  title: string,
  questions: readonly QuestionDraft[],
): QuizProblem[] {
  const where = `Rule ${ruleIndex + 1}${title.trim() ? ` (“${title.trim()}”)` : ''}`;
  const base = `rules.${ruleIndex}.questions`;
  if (questions.length === 0) return [{ field: base, message: `${where} needs at least one quiz question.` }];
  const problems: QuizProblem[] = [];
  if (questions.length > MAX_QUESTIONS)
    problems.push({
      field: base,
      message: `${where} has ${questions.length} questions; at most ${MAX_QUESTIONS} are allowed.`,
    });
  questions.forEach((q, j) => {
    const at = `${where}, question ${j + 1}`;
    const field = `${base}.${j}`;
    if (!q.prompt.trim()) problems.push({ field: `${field}.prompt`, message: `${at}: write the question.` });
    if (q.choices.length < MIN_CHOICES)
      problems.push({ field: `${field}.choices`, message: `${at}: give at least ${MIN_CHOICES} choices.` });
    if (q.choices.length > MAX_CHOICES)
      problems.push({
        field: `${field}.choices`,
        message: `${at}: at most ${MAX_CHOICES} choices are allowed.`,
      });
    q.choices.forEach((c, k) => {
      if (!c.trim())
        problems.push({ field: `${field}.choices.${k}`, message: `${at}: choice ${k + 1} is empty.` });
    });
    const seen = new Set<string>();
    for (const c of q.choices.map((x) => x.trim().toLowerCase()).filter(Boolean)) {
      if (seen.has(c)) {
        problems.push({ field: `${field}.choices`, message: `${at}: two choices say the same thing.` });
        break;
      }
      seen.add(c);
    }
    if (q.answer === null || q.answer < 0 || q.answer >= q.choices.length)
      problems.push({ field: `${field}.answer`, message: `${at}: mark the right answer.` });
  });
  return problems;
}

/** A fresh id for a new question: the service needs ids distinct within a rule. */
export function newQuestionId(questions: readonly QuestionDraft[]): string {
  const taken = new Set(questions.map((q) => q.id));
  for (let n = questions.length + 1; ; n++) if (!taken.has(`q${n}`)) return `q${n}`;
}

export const blankQuestion = (questions: readonly QuestionDraft[]): QuestionDraft => ({
  id: newQuestionId(questions),
  prompt: '',
  choices: ['', ''],
  answer: null,
});

/** Removing a choice moves the right answer with it (or clears it when the right one goes). */
export function removeChoice(q: QuestionDraft, k: number): QuestionDraft {
  const choices = q.choices.filter((_, i) => i !== k);
  const answer = q.answer === null || q.answer === k ? null : q.answer > k ? q.answer - 1 : q.answer;
  return { ...q, choices, answer };
}

/** Moving a choice keeps the right answer on the same text. */
export function moveChoice(q: QuestionDraft, from: number, to: number): QuestionDraft {
  if (to < 0 || to >= q.choices.length) return q;
  const order = move(
    q.choices.map((_, i) => i),
    from,
    to,
  );
  return {
    ...q,
    choices: order.map((i) => q.choices[i]),
    answer: q.answer === null ? null : order.indexOf(q.answer),
  };
}

/** What the service's PUT takes for one question (answer checked present by quizProblems first). */
export function toQuestionInput(q: QuestionDraft): {
  id: string;
  prompt: string;
  choices: string[];
  answer: number;
  explanation?: string;
} {
  return {
    id: q.id,
    prompt: q.prompt.trim(),
    choices: q.choices.map((c) => c.trim()),
    answer: q.answer ?? 0,
    ...(q.explanation?.trim() ? { explanation: q.explanation.trim() } : {}),
  };
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
