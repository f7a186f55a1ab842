import { ConfigChange, fieldChange, keyedChanges, orderChange, show } from '@guildhall/config-history';
import type { QuizQuestion } from './quiz';
import type { Rule, RuleSet } from './rules';

type RulesContent = Pick<RuleSet, 'rules' | 'requiresReagreement'>;

const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
const choiceText = (q: QuizQuestion, i: number) => show(q.choices[i] ?? `choice ${i + 1}`);

function questionChanges(
  rule: Rule,
  before: QuizQuestion[],
  after: QuizQuestion[],
  field: string,
): ConfigChange[] {
  const where = `in rule "${rule.title}"`;
  return [
    ...keyedChanges(field, byId(before), byId(after), {
      name: (_id, q) => `question ${show(q.prompt)} ${where}`,
      changed: (_id, b, a, path) => [
        ...fieldChange(`${path}.prompt`, `question ${where}`, b.prompt, a.prompt),
        ...fieldChange(`${path}.choices`, `choices of ${show(a.prompt)}`, b.choices, a.choices),
        // Compared by the text of the right choice: reordering choices alone changes no answer.
        ...(b.choices[b.answer] === a.choices[a.answer]
          ? []
          : [
              {
                kind: 'changed' as const,
                field: `${path}.answer`,
                text: `right answer of ${show(a.prompt)} ${choiceText(b, b.answer)} → ${choiceText(a, a.answer)}`,
                before: b.answer,
                after: a.answer,
              },
            ]),
        ...fieldChange(
          `${path}.explanation`,
          `explanation of ${show(a.prompt)}`,
          b.explanation ?? null,
          a.explanation ?? null,
        ),
      ],
    }),
    ...orderChange(
      `${field}.order`,
      `questions ${where}`,
      before.map((q) => q.id),
      after.map((q) => q.id),
    ),
  ];
}

/**
 * Pure: what changed between two versions of a guild's rules. Moderator-only (it names right
 * answers), like the rules editor itself.
 */
export function rulesChanges(before: RulesContent, after: RulesContent): ConfigChange[] {
  const changes = [
    ...keyedChanges('rules', byId(before.rules), byId(after.rules), {
      name: (_id, r) => `rule ${show(r.title)}`,
      changed: (_id, b, a, path) => [
        ...fieldChange(`${path}.title`, 'rule title', b.title, a.title),
        ...fieldChange(`${path}.text`, `text of rule "${a.title}"`, b.text, a.text),
        ...(b.lesson === a.lesson
          ? []
          : [
              {
                kind: 'changed' as const,
                field: `${path}.lesson`,
                text: `lesson of rule "${a.title}" rewritten`,
                before: b.lesson,
                after: a.lesson,
              },
            ]),
        ...questionChanges(a, b.questions, a.questions, `${path}.questions`),
      ],
    }),
    ...orderChange(
      'rules.order',
      'rules',
      before.rules.map((r) => r.id),
      after.rules.map((r) => r.id),
    ),
  ];
  if (after.requiresReagreement)
    changes.push({
      kind: 'changed',
      field: 'requiresReagreement',
      text: 'members had to agree again',
      after: true,
    });
  return changes;
}
