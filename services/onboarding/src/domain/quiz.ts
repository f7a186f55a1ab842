/** A multiple-choice question; `answer` indexes `choices` and never leaves the server before grading. */
export interface QuizQuestion {
  id: string;
  prompt: string;
  choices: string[];
  answer: number;
  explanation?: string;
}

export interface PublicQuestion {
  id: string;
  prompt: string;
  choices: string[];
}

export interface SubmittedAnswer {
  questionId: string;
  choice: number;
}

export interface QuestionResult {
  questionId: string;
  chosen: number | null;
  correct: boolean;
  correctChoice: number;
  explanation?: string;
}

export interface Grade {
  correct: number;
  total: number;
  passed: boolean;
  results: QuestionResult[];
}

/** Two of three right passes: one slip is forgiven, guessing is not. */
export const PASS_RATIO = 2 / 3;
/** Points per correct answer, earned once per rule on the first passing attempt. */
export const POINTS_PER_CORRECT_ANSWER = 10;

/** What the dashboard may see before an attempt: the answer and explanation stay on the server. */
export function publicQuestions(questions: QuizQuestion[]): PublicQuestion[] {
  return questions.map(({ id, prompt, choices }) => ({ id, prompt, choices: [...choices] }));
}

export type GradeOutcome = { ok: true; grade: Grade } | { ok: false; field: string; message: string };

/** Grades on the server; an unanswered question counts as wrong, an unknown one is a caller error. */
export function gradeAttempt(questions: QuizQuestion[], answers: SubmittedAnswer[]): GradeOutcome {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const chosen = new Map<string, number>();
  for (const [i, a] of answers.entries()) {
    const q = byId.get(a.questionId);
    if (!q)
      return {
        ok: false,
        field: `answers.${i}.questionId`,
        message: `answers.${i}.questionId "${a.questionId}" is not a question of this quiz`,
      };
    if (chosen.has(a.questionId))
      return {
        ok: false,
        field: `answers.${i}.questionId`,
        message: `answers.${i}.questionId "${a.questionId}" is answered twice`,
      };
    if (a.choice >= q.choices.length)
      return {
        ok: false,
        field: `answers.${i}.choice`,
        message: `answers.${i}.choice must be below ${q.choices.length}`,
      };
    chosen.set(a.questionId, a.choice);
  }
  const results = questions.map((q): QuestionResult => {
    const pick = chosen.get(q.id) ?? null;
    const r: QuestionResult = {
      questionId: q.id,
      chosen: pick,
      correct: pick === q.answer,
      correctChoice: q.answer,
    };
    if (q.explanation !== undefined) r.explanation = q.explanation;
    return r;
  });
  const correct = results.filter((r) => r.correct).length;
  const total = questions.length;
  return {
    ok: true,
    grade: { correct, total, passed: total > 0 && correct >= Math.ceil(total * PASS_RATIO - 1e-9), results },
  };
}

/** Points are earned once per rule: on the first attempt that passes. */
export function pointsFor(grade: Grade, alreadyPassed: boolean): number {
  return grade.passed && !alreadyPassed ? grade.correct * POINTS_PER_CORRECT_ANSWER : 0;
}

/** Completion is judged against the rules in force: every one of them passed. */
export function completesQuiz(ruleIds: string[], passedRuleIds: Iterable<string>): boolean {
  const passed = new Set(passedRuleIds);
  return ruleIds.length > 0 && ruleIds.every((id) => passed.has(id));
}
