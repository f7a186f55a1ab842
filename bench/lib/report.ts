/** Terminal output for benchmarks: progress bars, percentiles and small bar charts. */

/** In a log (no terminal) a bar is printed only when it passes another tenth, not on every tick. */
const loggedTenths = new Map<string, number>();

export function progress(label: string, done: number, total: number, extra = ''): void {
  const width = 30;
  if (!process.stderr.isTTY) {
    const tenth = Math.floor((done / Math.max(1, total)) * 10);
    if (loggedTenths.get(label) === tenth) return;
    loggedTenths.set(label, tenth);
  }
  const filled = Math.min(width, Math.round((done / Math.max(1, total)) * width));
  const line = `${label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${extra}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else process.stderr.write(`${line}\n`);
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samplesMs: number[]): LatencySummary {
  const s = [...samplesMs].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
  };
}

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChart(title: string, rows: { label: string; value: number; unit: string }[]): string {
  const max = Math.max(...rows.map((r) => r.value), 1);
  const width = 40;
  const lines = rows.map((r) => {
    const n = Math.max(r.value > 0 ? 1 : 0, Math.round((r.value / max) * width));
    const value = Number.isInteger(r.value) ? r.value.toLocaleString('en-US') : fmt(r.value);
    return `  ${r.label.padEnd(28)} ${'█'.repeat(n).padEnd(width)} ${value} ${r.unit}`.trimEnd();
  });
  return [title, ...lines].join('\n');
}

/** A latency histogram with logarithmic buckets, as text. */
export function histogram(title: string, samplesMs: number[]): string {
  const edges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, Infinity];
  const counts = edges.map(() => 0);
  for (const v of samplesMs) counts[edges.findIndex((e) => v <= e)]++;
  let lo = 0;
  const rows = edges.map((e, i) => {
    const label = e === Infinity ? `> ${lo} ms` : `${lo}–${e} ms`;
    lo = e;
    return { label, value: counts[i], unit: '' };
  });
  const first = rows.findIndex((r) => r.value > 0);
  const last = rows.length - 1 - [...rows].reverse().findIndex((r) => r.value > 0);
  return barChart(title, first < 0 ? rows : rows.slice(first, last + 1));
}

export function fmt(n: number): string {
  return Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)) : String(n);
}

export function printSummary(label: string, s: LatencySummary): void {
  process.stdout.write(
    `${label}: n=${s.count} p50=${fmt(s.p50)} ms p95=${fmt(s.p95)} ms p99=${fmt(s.p99)} ms max=${fmt(s.max)} ms\n`,
  );
}
