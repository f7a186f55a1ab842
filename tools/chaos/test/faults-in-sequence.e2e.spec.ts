import path from 'node:path';
import { runChaos, type ChaosReport } from '../src/chaos-run';
import { announceKey } from '../src/expected-calls';
import { reportTable } from '../src/report-table';

// Four services, the simulator and two private servers on 2 cores, and four faults in a row.
jest.setTimeout(8 * 60_000);

const MEMBERS = 20;
const PER_MEMBER = 60;

/**
 * Issue 9, scenario 12, as an operator would meet it: 20 members chatting (messages 61 s apart in
 * Discord's time, so each earns 10 XP), and while they do, kill -9 of xp, a crash restart of
 * Postgres, kill -9 and restart of NATS, then kill -9 and restart of the gateway. Before the
 * fixes every member ended at 350 XP and half the level-ups were never announced.
 *
 * How a fault that breaks things fails here: a lost message leaves a member below 600 XP and
 * 60 messages, and the phase's `lost` above 0; one counted twice shows as 61 messages and
 * `duplicated`; one decided after a later one earns nothing (the later one's cooldown), leaving
 * 590 XP and `reordered`; an announcement never sent or sent twice breaks "exactly once" and
 * the phase's `missing` or `extra` calls. A platform that never catches up fails the same ways,
 * after the run's per-phase wait.
 */
describe('scenario 12: xp, Postgres, NATS and the gateway fail one after another under chat', () => {
  let report: ChaosReport;

  beforeAll(async () => {
    report = await runChaos({
      members: MEMBERS,
      roundsPerPhase: PER_MEMBER / 4,
      tickMs: 1000,
      faultAfterRounds: 2,
      downMs: 3000,
      headStart: 0,
      joinEveryRounds: 5,
      catchUpTimeoutMs: 60_000,
      faults: ['xp', 'postgres', 'nats', 'gateway'],
      baseline: false,
      logRoot: path.resolve(__dirname, '../../../test-output/chaos'),
      progress: (line) => process.stderr.write(`chaos: ${line}\n`),
    });
    process.stderr.write(`${reportTable(report)}\n`);
  });

  it('every member ends at 600 XP over their 60 messages', () => {
    expect(report.members).toHaveLength(MEMBERS);
    for (const m of report.members)
      expect({ userId: m.userId, xp: m.xp, messages: m.messages }).toEqual({
        userId: m.userId,
        xp: 600,
        messages: PER_MEMBER,
      });
  });

  it('every level-up is announced exactly once', () => {
    // A re-send with the first one's nonce is answered by Discord with the same message: one announcement.
    const effects = new Map<string, number>();
    const guards = new Set<string>();
    for (const call of report.calls.made) {
      const same = call.guard !== undefined && guards.has(`${call.key} ${call.guard}`);
      if (call.guard !== undefined) guards.add(`${call.key} ${call.guard}`);
      if (!same) effects.set(call.key, (effects.get(call.key) ?? 0) + 1);
    }
    const announcements = report.members.flatMap((m) => [1, 2].map((level) => announceKey(m.userId, level)));
    expect(announcements.filter((key) => effects.get(key) !== 1)).toEqual([]);
    expect([...effects.keys()].filter((key) => key.startsWith('announce '))).toHaveLength(MEMBERS * 2);
  });

  it('no fault loses, duplicates or reorders a message, or misses or repeats a Discord call', () => {
    const faults = report.phases.map((p) => ({
      fault: p.fault,
      sent: p.sent,
      applied: p.applied,
      lost: p.lost,
      duplicated: p.duplicated,
      reordered: p.reordered,
      callsMissing: p.callsMissing,
      extraCalls: p.extraCalls,
    }));
    expect(faults).toEqual(
      ['kill -9 xp', 'Postgres crash restart', 'kill -9 NATS, restart', 'kill -9 gateway'].map((fault) => ({
        fault,
        sent: MEMBERS * (PER_MEMBER / 4),
        applied: MEMBERS * (PER_MEMBER / 4),
        lost: 0,
        duplicated: 0,
        reordered: 0,
        callsMissing: 0,
        extraCalls: [],
      })),
    );
  });
});
