import type { ChaosReport } from './chaos-run';
import { clean, lateCalls } from './tally';

/** Past this a call counts as late: the platform's usual path from message to call takes well under 1 s. */
const LATE_MS = 30_000;

const HEADERS = [
  'fault',
  'sent',
  'applied',
  'lost',
  'duplicated',
  'reordered',
  'calls expected',
  'calls made',
  'missing',
  'extra',
  'recovery',
];

/** The report as a text table, one row per fault, then what is wrong in words (nothing, ideally). */
export function reportTable(report: ChaosReport): string {
  const rows = report.phases.map((p) => [
    p.fault,
    p.sent,
    p.applied,
    p.lost,
    p.duplicated,
    p.reordered,
    p.callsExpected,
    p.callsMade,
    p.callsMissing,
    p.callsExtra,
    p.recoveryMs === null ? 'never' : `${(p.recoveryMs / 1000).toFixed(1)} s`,
  ]);
  const cells = [HEADERS, ...rows].map((r) => r.map(String));
  const widths = HEADERS.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const out = [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
  out.push('', ...problems(report));
  return out.join('\n');
}

export function problems(report: ChaosReport): string[] {
  const out: string[] = [];
  for (const p of report.phases) {
    if (p.extraCalls.length > 0) out.push(`${p.fault}: extra Discord calls: ${p.extraCalls.join('; ')}`);
    if (p.resentCalls > 0)
      out.push(
        `${p.fault}: ${p.resentCalls} call(s) resent, answered by Discord without a second effect (same nonce, or a PUT)`,
      );
    if (p.upkeepCalls > 0)
      out.push(`${p.fault}: ${p.upkeepCalls} command registration(s), the upkeep of a service (re)start`);
    if (p.recoveryMs === null) out.push(`${p.fault}: the platform never caught up`);
  }
  for (const late of lateCalls(report.calls.expected, report.calls.made, LATE_MS))
    out.push(
      `${report.phases[late.phase].fault}: ${late.key} reached Discord ${(late.lateMs / 1000).toFixed(1)} s after its cause`,
    );
  const off = report.members.filter((m) => m.xp !== m.expectedXp || m.messages !== m.expectedMessages);
  for (const m of off)
    out.push(
      `member ${m.userId}: ${m.xp} XP over ${m.messages} messages in xp, expected ${m.expectedXp} over ${m.expectedMessages}`,
    );
  if (reportIsClean(report))
    out.push(
      'every member at the XP their messages earn; nothing lost, duplicated, reordered, missing or extra',
    );
  return out;
}

export function reportIsClean(report: ChaosReport): boolean {
  return (
    report.phases.every((p) => clean(p) && p.recoveryMs !== null) &&
    report.members.every((m) => m.xp === m.expectedXp && m.messages === m.expectedMessages)
  );
}
