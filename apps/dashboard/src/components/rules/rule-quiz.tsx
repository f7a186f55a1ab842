'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AttemptResult, PublicQuestion } from '@/lib/clients/onboarding';
import { useQuizTally } from './quiz-progress';

/** One rule's quiz: answers are graded on the server; the answer key never reaches the browser. */
export function RuleQuiz({
  guildId,
  userId,
  ruleId,
  questions,
}: {
  guildId: string;
  userId: string;
  ruleId: string;
  questions: PublicQuestion[];
}) {
  const router = useRouter();
  const tally = useQuizTally();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [result, setResult] = useState<AttemptResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const unanswered = questions.filter((q) => answers[q.id] === undefined).length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/guilds/${guildId}/members/${userId}/quizzes/${ruleId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          answers: questions.map((q) => ({ questionId: q.id, choice: answers[q.id] })),
        }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) return setError(body.error ?? `The quiz could not be graded (${res.status}).`);
      const graded = body as AttemptResult;
      setResult(graded);
      tally.record(ruleId, graded.passed, graded.totalPoints);
      router.refresh();
    } finally {
      setSending(false);
    }
  }

  const outcome = (id: string) => result?.results.find((r) => r.questionId === id);

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      aria-label={`Quiz for rule ${ruleId}`}
      data-testid={`quiz-${ruleId}`}
    >
      {questions.map((q, qi) => {
        const r = outcome(q.id);
        return (
          <fieldset key={q.id} className="space-y-2 rounded-lg border border-border p-3">
            <legend className="px-1 text-sm font-medium">
              {qi + 1}. {q.prompt}
            </legend>
            {q.choices.map((choice, ci) => {
              const id = `${ruleId}-${q.id}-${ci}`;
              const isAnswer = r && r.correctChoice === ci;
              return (
                <div
                  key={id}
                  className={`flex items-center gap-2 rounded px-2 py-1 ${isAnswer ? 'bg-success/15' : r && r.chosen === ci ? 'bg-destructive/15' : ''}`}
                >
                  <input
                    id={id}
                    type="radio"
                    name={`${ruleId}-${q.id}`}
                    value={ci}
                    checked={answers[q.id] === ci}
                    onChange={() => setAnswers((a) => ({ ...a, [q.id]: ci }))}
                    disabled={sending}
                    className="h-4 w-4 accent-[var(--color-primary)]"
                  />
                  <label htmlFor={id} className="text-sm">
                    {choice}
                    {isAnswer && <span className="sr-only"> (correct answer)</span>}
                  </label>
                </div>
              );
            })}
            {r && (
              <p className={`text-sm ${r.correct ? 'text-success' : 'text-red-300'}`}>
                {r.correct ? 'Correct.' : 'Not quite.'} {r.explanation}
              </p>
            )}
          </fieldset>
        );
      })}
      {error && <Alert tone="error">{error}</Alert>}
      {result && (
        <Alert tone={result.passed ? 'success' : 'info'} title={result.passed ? 'Passed!' : 'Not passed yet'}>
          <span data-testid="quiz-result">
            {result.correct} of {result.total} correct.{' '}
            {result.pointsAwarded > 0
              ? `+${result.pointsAwarded} points (${result.totalPoints} in total).`
              : result.passed
                ? 'Points are earned on the first pass only.'
                : 'Read the lesson and try again.'}
          </span>
        </Alert>
      )}
      <Button type="submit" disabled={sending || unanswered > 0}>
        {sending
          ? 'Grading…'
          : unanswered > 0
            ? `Answer all questions (${unanswered} left)`
            : result
              ? 'Try again'
              : 'Submit answers'}
      </Button>
    </form>
  );
}
