'use client';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  blankQuestion,
  MAX_CHOICES,
  MAX_QUESTIONS,
  move,
  moveChoice,
  removeChoice,
  type QuestionDraft,
  type QuizProblem,
} from '@/lib/quiz-draft';

/**
 * One rule's quiz: add, edit, reorder and remove questions and their choices, and mark the right
 * answer. `problems` are this rule's, shown next to the question they concern.
 */
export function QuizEditor({
  ruleKey,
  ruleIndex,
  questions,
  problems,
  onChange,
}: {
  ruleKey: string;
  ruleIndex: number;
  questions: QuestionDraft[];
  problems: QuizProblem[];
  onChange: (questions: QuestionDraft[]) => void;
}) {
  const set = (j: number, q: QuestionDraft) => onChange(questions.map((x, i) => (i === j ? q : x)));
  const problemsOf = (j: number) =>
    problems.filter((p) => p.field.startsWith(`rules.${ruleIndex}.questions.${j}.`));
  return (
    <fieldset className="space-y-3 rounded-md bg-muted/40 p-3" data-testid={`quiz-editor-${ruleKey}`}>
      <legend className="text-sm font-medium">
        Quiz ({questions.length} {questions.length === 1 ? 'question' : 'questions'})
      </legend>
      {questions.map((q, j) => {
        const id = `${ruleKey}-q${j}`;
        const own = problemsOf(j);
        return (
          <fieldset
            key={q.id}
            className="space-y-2 rounded-md border border-border p-3"
            aria-label={`Question ${j + 1}`}
          >
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-medium">Question {j + 1}</span>
              <div className="flex gap-1">
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={j === 0}
                  onClick={() => onChange(move(questions, j, j - 1))}
                  aria-label={`Move question ${j + 1} up`}
                >
                  ↑
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={j === questions.length - 1}
                  onClick={() => onChange(move(questions, j, j + 1))}
                  aria-label={`Move question ${j + 1} down`}
                >
                  ↓
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => onChange(questions.filter((_, i) => i !== j))}
                  aria-label={`Remove question ${j + 1}`}
                >
                  Remove
                </Button>
              </div>
            </div>
            <Label htmlFor={`${id}-prompt`}>Question {j + 1} prompt</Label>
            <Input
              id={`${id}-prompt`}
              maxLength={300}
              value={q.prompt}
              aria-invalid={own.some((p) => p.field.endsWith('.prompt'))}
              onChange={(e) => set(j, { ...q, prompt: e.target.value })}
            />
            <div
              className="space-y-1.5"
              role="radiogroup"
              aria-label={`Choices of question ${j + 1}; the marked one is right`}
            >
              <span className="text-sm text-muted-foreground">Choices (mark the right one)</span>
              {q.choices.map((c, k) => (
                <div key={k} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-answer`}
                    className="h-4 w-4 accent-[var(--color-primary)]"
                    checked={q.answer === k}
                    onChange={() => set(j, { ...q, answer: k })}
                    aria-label={`Question ${j + 1}: choice ${k + 1} is right`}
                  />
                  <Input
                    aria-label={`Question ${j + 1} choice ${k + 1}`}
                    maxLength={200}
                    value={c}
                    onChange={(e) =>
                      set(j, { ...q, choices: q.choices.map((x, i) => (i === k ? e.target.value : x)) })
                    }
                  />
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={k === 0}
                    onClick={() => set(j, moveChoice(q, k, k - 1))}
                    aria-label={`Move choice ${k + 1} of question ${j + 1} up`}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => set(j, removeChoice(q, k))}
                    aria-label={`Remove choice ${k + 1} of question ${j + 1}`}
                  >
                    ✕
                  </Button>
                </div>
              ))}
              <Button
                variant="outline"
                size="sm"
                disabled={q.choices.length >= MAX_CHOICES}
                onClick={() => set(j, { ...q, choices: [...q.choices, ''] })}
              >
                Add choice
              </Button>
            </div>
            <Label htmlFor={`${id}-explanation`}>Explanation shown after answering (optional)</Label>
            <Input
              id={`${id}-explanation`}
              maxLength={500}
              value={q.explanation ?? ''}
              onChange={(e) => set(j, { ...q, explanation: e.target.value })}
            />
            {own.length > 0 && (
              <ul className="list-disc pl-5 text-sm text-red-300" data-testid="question-problems">
                {own.map((p) => (
                  <li key={p.field + p.message}>{p.message}</li>
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}
      <Button
        variant="outline"
        size="sm"
        disabled={questions.length >= MAX_QUESTIONS}
        onClick={() => onChange([...questions, blankQuestion(questions)])}
      >
        Add question
      </Button>
    </fieldset>
  );
}
