import { DEFAULT_RULES } from './default-rules';
import type { Rule } from './rules';
import { rulesChanges } from './rules-changes';

const rules = [...DEFAULT_RULES];
const set = (list: Rule[], requiresReagreement = false) => ({ rules: list, requiresReagreement });
const texts = (before: Rule[], after: Rule[], reagree = false) =>
  rulesChanges(set(before), set(after, reagree)).map((c) => c.text);

describe('what changed in the rules', () => {
  it('the same rules have no changes', () => {
    expect(rulesChanges(set(rules), set(rules.map((r) => ({ ...r }))))).toEqual([]);
  });

  it('a retitled rule and a rewritten lesson', () => {
    const after = rules.map((r, i) => (i === 0 ? { ...r, title: 'Be kind', lesson: 'Kindness first.' } : r));
    expect(texts(rules, after)).toEqual([
      'rule title "Be respectful" → "Be kind"',
      'lesson of rule "Be kind" rewritten',
    ]);
  });

  it('rules added, removed and reordered', () => {
    const added: Rule = {
      id: 'no-bots',
      title: 'No bots',
      text: 'No self-bots.',
      lesson: 'x',
      questions: rules[0].questions,
    };
    const after = [rules[1], rules[0], ...rules.slice(3), added];
    expect(texts(rules, after)).toEqual([
      'rule "No bots" added',
      `rule "${rules[2].title}" removed`,
      'rules reordered',
    ]);
  });

  it('quiz questions: a new prompt, another right answer, a question added and one removed', () => {
    const [q1, q2, q3] = rules[0].questions;
    const edited: Rule = {
      ...rules[0],
      questions: [
        { ...q1, prompt: 'Someone disagrees. What now?' },
        { ...q2, answer: 0 },
        { id: 'q4', prompt: 'Are insults OK?', choices: ['Yes', 'No'], answer: 1 },
      ],
    };
    expect(texts(rules, [edited, ...rules.slice(1)])).toEqual([
      'question in rule "Be respectful" "Someone disagrees with your opinion. What should you do?" → "Someone disagrees. What now?"',
      'right answer of "Which of these breaks this rule?" "Calling someone a slur" → "Saying you prefer another game"',
      'question "Are insults OK?" in rule "Be respectful" added',
      `question "${q3.prompt}" in rule "Be respectful" removed`,
    ]);
  });

  it('a version that asked members to agree again says so', () => {
    expect(texts(rules, rules, true)).toEqual(['members had to agree again']);
  });
});
