import type { QuizQuestion } from './quiz';

/** One community rule with what the dashboard teaches about it. */
export interface Rule {
  id: string;
  title: string;
  text: string;
  lesson: string;
  questions: QuizQuestion[];
}

/** A published, immutable version of a guild's rules. */
export interface RuleSet {
  version: number;
  rules: Rule[];
  requiresReagreement: boolean;
}

/** What a moderator sends; lesson and questions may be left out to keep the earlier ones. */
export interface RuleInput {
  id: string;
  title: string;
  text: string;
  lesson?: string;
  questions?: QuizQuestion[];
}

/**
 * Discord caps the text of all embeds in one message at 6000 characters, and the rules are
 * shown as one embed with a field per rule; the margin leaves room for the title and numbering.
 */
export const MAX_RULES_TEXT = 5500;
export const MAX_RULES = 25;

export type RulesProblem = { field: string; message: string };

/**
 * Builds the next version from a moderator's edit. A rule that keeps its id keeps its lesson
 * and quiz unless new ones are given; a new rule must bring its own quiz, since a rule without
 * questions could never be completed.
 */
export function nextRuleSet(
  current: RuleSet,
  input: RuleInput[],
  requiresReagreement: boolean,
  fallback: readonly Rule[] = [],
): { ok: true; ruleSet: RuleSet } | { ok: false; problem: RulesProblem } {
  const problem = rulesProblem(input);
  if (problem) return { ok: false, problem };
  const known = new Map<string, Rule>();
  for (const r of fallback) known.set(r.id, r);
  for (const r of current.rules) known.set(r.id, r);
  const rules: Rule[] = [];
  for (const [i, r] of input.entries()) {
    const before = known.get(r.id);
    const lesson = r.lesson ?? before?.lesson;
    const questions = r.questions ?? before?.questions;
    if (lesson === undefined)
      return {
        ok: false,
        problem: {
          field: `rules.${i}.lesson`,
          message: `rules.${i}.lesson is required for the new rule "${r.id}"`,
        },
      };
    if (questions === undefined || questions.length === 0)
      return {
        ok: false,
        problem: {
          field: `rules.${i}.questions`,
          message: `rules.${i}.questions are required for the new rule "${r.id}"`,
        },
      };
    rules.push({ id: r.id, title: r.title, text: r.text, lesson, questions });
  }
  return { ok: true, ruleSet: { version: current.version + 1, rules, requiresReagreement } };
}

/** One question as members will see it: a real prompt, at least two distinct choices, exactly one right. */
function questionProblem(q: QuizQuestion, at: string): RulesProblem | undefined {
  if (!q.prompt.trim()) return { field: `${at}.prompt`, message: `${at}.prompt must not be empty` };
  if (q.choices.length < 2)
    return { field: `${at}.choices`, message: `${at}.choices must hold at least 2 choices` };
  const blank = q.choices.findIndex((c) => !c.trim());
  if (blank !== -1)
    return { field: `${at}.choices.${blank}`, message: `${at}.choices.${blank} must not be empty` };
  if (new Set(q.choices.map((c) => c.trim().toLowerCase())).size !== q.choices.length)
    return {
      field: `${at}.choices`,
      message: `${at}.choices must all differ, or two of them would both look right`,
    };
  if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.choices.length)
    return {
      field: `${at}.answer`,
      message: `${at}.answer must index one of its choices (the one right answer)`,
    };
  return undefined;
}

function rulesProblem(input: RuleInput[]): RulesProblem | undefined {
  if (input.length === 0) return { field: 'rules', message: 'rules must hold at least one rule' };
  if (input.length > MAX_RULES)
    return { field: 'rules', message: `rules must hold at most ${MAX_RULES} rules` };
  const seen = new Set<string>();
  for (const [i, r] of input.entries()) {
    if (seen.has(r.id)) return { field: `rules.${i}.id`, message: `rules.${i}.id "${r.id}" is used twice` };
    seen.add(r.id);
    for (const [j, q] of (r.questions ?? []).entries()) {
      const problem = questionProblem(q, `rules.${i}.questions.${j}`);
      if (problem) return problem;
    }
    const ids = new Set((r.questions ?? []).map((q) => q.id));
    if (ids.size !== (r.questions ?? []).length)
      return { field: `rules.${i}.questions`, message: `rules.${i}.questions must have distinct ids` };
  }
  const size = input.reduce((n, r) => n + r.title.length + r.text.length + 8, 0);
  if (size > MAX_RULES_TEXT)
    return {
      field: 'rules',
      message: `rules titles and texts together must stay under ${MAX_RULES_TEXT} characters (Discord's embed limit)`,
    };
  return undefined;
}
