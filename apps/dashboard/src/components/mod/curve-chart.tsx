/** Total XP needed per level under each curve (same formulas as services/xp/src/domain/levels.ts). */
export function xpForLevel(curve: 'sqrt' | 'step', level: number): number {
  if (level <= 0) return 0;
  if (curve === 'sqrt') return 100 * level * level;
  const l = level;
  return (5 * (l - 1) * l * (2 * l - 1)) / 6 + 25 * l * (l - 1) + 100 * l;
}

/** A line chart of XP to reach levels 1–30, so a moderator sees what a curve change means. */
export function CurveChart({ curve }: { curve: 'sqrt' | 'step' }) {
  const levels = Array.from({ length: 30 }, (_, i) => i + 1);
  const max = Math.max(xpForLevel('sqrt', 30), xpForLevel('step', 30));
  const point = (c: 'sqrt' | 'step', l: number) =>
    `${((l - 1) / 29) * 380 + 10},${150 - (xpForLevel(c, l) / max) * 140}`;
  const line = (c: 'sqrt' | 'step') => levels.map((l) => point(c, l)).join(' ');
  return (
    <figure className="rounded-lg bg-muted/40 p-3">
      <figcaption className="mb-2 flex flex-wrap gap-4 text-xs text-muted-foreground">
        <span>XP needed for levels 1–30</span>
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-0.5 w-4 bg-primary" /> selected (
          {curve === 'sqrt' ? 'square root' : 'steps'}): level 10 at{' '}
          {xpForLevel(curve, 10).toLocaleString('en')} XP, level 30 at{' '}
          {xpForLevel(curve, 30).toLocaleString('en')} XP
        </span>
      </figcaption>
      <svg
        viewBox="0 0 400 160"
        preserveAspectRatio="none"
        className="h-40 w-full"
        role="img"
        aria-label={`XP curve: level 10 needs ${xpForLevel(curve, 10)} XP`}
      >
        <polyline
          points={line(curve === 'sqrt' ? 'step' : 'sqrt')}
          fill="none"
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
          className="stroke-muted-foreground/50"
          strokeDasharray="4 4"
        />
        <polyline
          points={line(curve)}
          fill="none"
          strokeWidth={2.5}
          vectorEffect="non-scaling-stroke"
          className="stroke-primary"
        />
      </svg>
    </figure>
  );
}
