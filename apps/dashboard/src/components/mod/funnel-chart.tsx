import type { Funnel } from '@/lib/clients/onboarding';

const pct = (r: number) => `${Math.round(r * 100)}%`;
const duration = (s: number | null) =>
  s === null
    ? '—'
    : s < 3600
      ? `${Math.round(s / 60)} min`
      : s < 86400
        ? `${(s / 3600).toFixed(1)} h`
        : `${(s / 86400).toFixed(1)} d`;

/** joined → agreed → completed the quiz, as bars narrowing to the share that got there. */
export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const steps = [
    { label: 'Joined', step: funnel.joined },
    { label: 'Agreed to the rules', step: funnel.agreed },
    { label: 'Completed the quiz', step: funnel.quizCompleted },
  ];
  return (
    <figure>
      <figcaption className="sr-only">Onboarding funnel</figcaption>
      <ol className="space-y-3" data-testid="funnel">
        {steps.map(({ label, step }) => (
          <li key={label} className="space-y-1">
            <div className="flex justify-between text-sm">
              <span>{label}</span>
              <span className="tabular-nums text-muted-foreground">
                {step.count.toLocaleString('en')} · {pct(step.rate)} · median{' '}
                {duration(step.medianSecondsFromJoin)} after joining
              </span>
            </div>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="h-6 w-full" aria-hidden="true">
              <rect x={0} y={0} width={100} height={6} rx={1} className="fill-muted" />
              <rect
                x={0}
                y={0}
                width={Math.max(0.5, step.rate * 100)}
                height={6}
                rx={1}
                className="fill-primary transition-all duration-700"
              />
            </svg>
          </li>
        ))}
      </ol>
      <p className="mt-3 text-sm text-muted-foreground">
        Median time from agreeing to completing the quiz: {duration(funnel.medianSecondsAgreeToQuiz)}
      </p>
    </figure>
  );
}
