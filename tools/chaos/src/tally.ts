import { isUpkeep } from './discord-calls';
import type { ExpectedCall } from './expected-calls';
import type { LedgerRow, MadeCall, SentMessage } from './sent';

/**
 * One phase's counts. For the messages said during the phase:
 * - applied: xp's ledger holds it (at least once);
 * - lost: the ledger does not hold it;
 * - duplicated: ledger rows beyond the first for one message;
 * - reordered: xp decided it after a later message of the same member (its first ledger row
 *   comes after the row of a message with a later timestamp). Such a message falls inside the
 *   cooldown of the later one and earns nothing: the member ends below 10 XP × messages.
 * For the Discord calls whose cause (a message, a join) was in the phase, plus calls no cause
 * explains made during it:
 * - made: every call, repeats included; missing: expected, never made; extra: made beyond once
 *   per expected call, or not expected at all. A repeat Discord answers without a second effect
 *   (same nonce, or a PUT: see repeatGuard) is counted as resent, not extra. Command
 *   registrations are counted apart (upkeep).
 */
export interface PhaseTally {
  sent: number;
  applied: number;
  lost: number;
  duplicated: number;
  reordered: number;
  callsExpected: number;
  callsMade: number;
  callsMissing: number;
  callsExtra: number;
  /** The keys of extra calls, to name them in the report. */
  extraCalls: string[];
  /** Repeats of an expected call that Discord answered without a second effect. */
  resentCalls: number;
  /** Command registrations (discord-calls.ts): counted apart, neither expected nor extra. */
  upkeepCalls: number;
}

const empty = (): PhaseTally => ({
  sent: 0,
  applied: 0,
  lost: 0,
  duplicated: 0,
  reordered: 0,
  callsExpected: 0,
  callsMade: 0,
  callsMissing: 0,
  callsExtra: 0,
  extraCalls: [],
  resentCalls: 0,
  upkeepCalls: 0,
});

export interface TallyInput {
  phases: number;
  messages: readonly SentMessage[];
  /** xp's ledger, any order. */
  ledger: readonly LedgerRow[];
  expected: readonly ExpectedCall[];
  made: readonly MadeCall[];
}

export function tally(input: TallyInput): PhaseTally[] {
  const rows = Array.from({ length: input.phases }, empty);
  tallyMessages(input, rows);
  tallyCalls(input, rows);
  return rows;
}

function tallyMessages(input: TallyInput, rows: PhaseTally[]): void {
  const byId = new Map(input.messages.map((m) => [m.id, m]));
  const seen = new Map<string, number>();
  const latestDecided = new Map<string, number>();
  const reordered = new Set<string>();
  for (const row of [...input.ledger].sort((a, b) => a.id - b.id)) {
    const count = (seen.get(row.sourceId) ?? 0) + 1;
    seen.set(row.sourceId, count);
    const message = byId.get(row.sourceId);
    if (!message) continue;
    if (count > 1) {
      rows[message.phase].duplicated++;
      continue;
    }
    const latest = latestDecided.get(row.userId) ?? -Infinity;
    if (row.occurredAt < latest) reordered.add(row.sourceId);
    latestDecided.set(row.userId, Math.max(latest, row.occurredAt));
  }
  for (const m of input.messages) {
    const r = rows[m.phase];
    r.sent++;
    if (seen.has(m.id)) r.applied++;
    else r.lost++;
    if (reordered.has(m.id)) r.reordered++;
  }
}

function tallyCalls(input: TallyInput, rows: PhaseTally[]): void {
  const expectedPhase = new Map(input.expected.map((e) => [e.key, e.phase]));
  const first = new Map<string, MadeCall>();
  for (const call of input.made) {
    if (isUpkeep(call.key)) {
      rows[call.phase].upkeepCalls++;
      continue;
    }
    const r = rows[expectedPhase.get(call.key) ?? call.phase];
    r.callsMade++;
    const earlier = first.get(call.key);
    if (!earlier) first.set(call.key, call);
    if (earlier && call.guard !== undefined && call.guard === earlier.guard) r.resentCalls++;
    else if (earlier || !expectedPhase.has(call.key)) {
      r.callsExtra++;
      r.extraCalls.push(call.key);
    }
  }
  for (const e of input.expected) {
    rows[e.phase].callsExpected++;
    if (!first.has(e.key)) rows[e.phase].callsMissing++;
  }
}

/** Whether a phase came through whole: nothing lost, doubled, reordered, missing or extra. */
export function clean(t: PhaseTally): boolean {
  return t.lost + t.duplicated + t.reordered + t.callsMissing + t.callsExtra === 0;
}

export interface LateCall {
  key: string;
  phase: number;
  /** From its cause being sent to Discord receiving the call. */
  lateMs: number;
}

/** Expected calls first made more than `thresholdMs` after their cause: delayed, if not lost. */
export function lateCalls(
  expected: readonly ExpectedCall[],
  made: readonly MadeCall[],
  thresholdMs: number,
): LateCall[] {
  const first = new Map<string, number>();
  for (const call of made) if (!first.has(call.key)) first.set(call.key, call.at);
  return expected.flatMap((e) => {
    const at = first.get(e.key);
    return at !== undefined && at - e.sentAt > thresholdMs
      ? [{ key: e.key, phase: e.phase, lateMs: at - e.sentAt }]
      : [];
  });
}
