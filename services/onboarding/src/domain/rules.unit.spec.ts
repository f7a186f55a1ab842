import { DEFAULT_RULES } from './default-rules';
import { nextRuleSet, RuleSet } from './rules';

const v1: RuleSet = { version: 1, rules: [...DEFAULT_RULES], requiresReagreement: false };

describe('rules versions', () => {
  it('ships ten default rules, each with a lesson and two or three questions whose answers are valid', () => {
    expect(DEFAULT_RULES).toHaveLength(10);
    for (const r of DEFAULT_RULES) {
      expect(r.lesson.length).toBeGreaterThan(20);
      expect(r.questions.length).toBeGreaterThanOrEqual(2);
      expect(r.questions.length).toBeLessThanOrEqual(3);
      for (const q of r.questions) expect(q.answer).toBeLessThan(q.choices.length);
    }
  });

  it('an edit that keeps a rule id keeps its lesson and quiz', () => {
    const r = nextRuleSet(
      v1,
      [{ id: 'be-respectful', title: 'Be kind', text: 'Be kind to everyone.' }],
      true,
      DEFAULT_RULES,
    );
    expect(r.ok && r.ruleSet.version).toBe(2);
    expect(r.ok && r.ruleSet.rules[0]).toMatchObject({
      title: 'Be kind',
      lesson: DEFAULT_RULES[0].lesson,
      questions: DEFAULT_RULES[0].questions,
    });
    expect(r.ok && r.ruleSet.requiresReagreement).toBe(true);
  });

  it('a new rule without a quiz is refused, naming the field', () => {
    const r = nextRuleSet(
      v1,
      [{ id: 'new-rule', title: 'New', text: 'Something', lesson: 'Learn it' }],
      false,
    );
    expect(r).toEqual({
      ok: false,
      problem: { field: 'rules.0.questions', message: expect.stringContaining('rules.0.questions') },
    });
  });

  it('duplicate ids and answers out of range are refused', () => {
    const dup = nextRuleSet(v1, [DEFAULT_RULES[0], DEFAULT_RULES[0]], false);
    expect(dup.ok === false && dup.problem.field).toBe('rules.1.id');
    const bad = nextRuleSet(
      v1,
      [{ ...DEFAULT_RULES[0], questions: [{ id: 'q1', prompt: 'p', choices: ['a', 'b'], answer: 2 }] }],
      false,
    );
    expect(bad.ok === false && bad.problem.field).toBe('rules.0.questions.0.answer');
  });

  it('every question needs a prompt, two distinct non-empty choices and one right answer', () => {
    const withQuestion = (q: { prompt: string; choices: string[]; answer: number }) =>
      nextRuleSet(v1, [{ ...DEFAULT_RULES[0], questions: [{ id: 'q1', ...q }] }], false);
    const problem = (r: ReturnType<typeof nextRuleSet>) => (r.ok ? undefined : r.problem);
    expect(problem(withQuestion({ prompt: '  ', choices: ['a', 'b'], answer: 0 }))).toEqual({
      field: 'rules.0.questions.0.prompt',
      message: 'rules.0.questions.0.prompt must not be empty',
    });
    expect(problem(withQuestion({ prompt: 'p', choices: ['a'], answer: 0 }))?.field).toBe(
      'rules.0.questions.0.choices',
    );
    expect(problem(withQuestion({ prompt: 'p', choices: ['a', ' '], answer: 0 }))?.field).toBe(
      'rules.0.questions.0.choices.1',
    );
    expect(problem(withQuestion({ prompt: 'p', choices: ['Yes', 'yes '], answer: 0 }))?.message).toContain(
      'must all differ',
    );
    expect(problem(withQuestion({ prompt: 'p', choices: ['a', 'b'], answer: -1 }))?.field).toBe(
      'rules.0.questions.0.answer',
    );
    expect(withQuestion({ prompt: 'p', choices: ['a', 'b'], answer: 1 }).ok).toBe(true);
  });

  it('refuses rules too long to show in one Discord message', () => {
    const long = Array.from({ length: 10 }, (_, i) => ({
      id: `r${i}`,
      title: 'T',
      text: 'x'.repeat(600),
      lesson: 'l',
      questions: DEFAULT_RULES[0].questions,
    }));
    const r = nextRuleSet(v1, long, false);
    expect(r.ok === false && r.problem.field).toBe('rules');
  });
});
