import { loadavg } from 'node:os';
import type { NatsConnection } from '@nats-io/nats-core';
import { waitForShares } from '../lib/leases';
import { chatterEnvelopes } from '../lib/messages';
import { cpuSeconds } from '../lib/process-cpu';
import { barChart, fmt, histogram, printSummary, type LatencySummary } from '../lib/report';
import { waitUntilSettled } from '../lib/settle';
import { PlatformRun } from '../platform-run';
import { backlogDrain, realPathLatency } from '../xp-path';
import { partitionBalanceReport } from './balance-report';
import { chattingGuilds } from './chatting-guilds';
import { checkLedger, ledgerHolds, type LedgerCheck } from './ledger-check';

export interface ScaleOutOptions {
  partitions: number;
  /**
   * What runs, in order, as partitions × xp replicas: the baseline (one replica on an
   * unpartitioned log) first, then 1 and 2 replicas on `partitions`.
   */
  runs?: { partitions: number; replicas: number }[];
  guilds: number;
  members: number;
  /** Message events in the backlog each run drains. */
  backlog: number;
  rate: number;
  seconds: number;
}

interface ReplicaRun {
  partitions: number;
  replicas: number;
  /** Leases each replica held when the run began (every consumer × partition, shared out). */
  leases: number[];
  drain: number;
  /** CPU seconds all replicas spent on the drain, over its wall-clock seconds: cores kept busy. */
  drainCores: number;
  /** The machine's 1-minute load average as the run began: other work on the shared 2 cores. */
  loadBefore: number;
  latency: LatencySummary & { samples: number[] };
  ledger: LedgerCheck;
}

/** xp's consumers (xp-interactions, xp-directory, xp-messages): one lease per partition each. */
const XP_CONSUMERS = 3;
const DAY_MS = 86_400_000;

/**
 * "scale-out": for 1 and then 2 xp replicas, a fresh platform on `partitions` partitions with
 * guilds × members chatting: a backlog's drain rate, post → commit latency at a fixed rate, and
 * the ledger checked for every message exactly once and in each member's order. Then the
 * partition-balance simulation. Fails when a message was lost, duplicated or reordered.
 */
export async function scaleOut(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  o: ScaleOutOptions,
): Promise<void> {
  const runs: ReplicaRun[] = [];
  const plan = o.runs ?? [
    { partitions: 1, replicas: 1 },
    { partitions: o.partitions, replicas: 1 },
    { partitions: o.partitions, replicas: 2 },
  ];
  for (const { partitions, replicas } of plan)
    runs.push(await withReplicas(nc, databaseUrl, natsUrl, { ...o, partitions }, replicas));
  printRuns(runs, o);
  process.stdout.write(partitionBalanceReport() + '\n\n');
  const broken = runs.filter((r) => !ledgerHolds(r.ledger));
  if (broken.length > 0)
    throw new Error(
      `scale-out: ${broken.map((r) => `xp × ${r.replicas}, P=${r.partitions}`).join(', ')} did not commit every message exactly once and in order (see above)`,
    );
}

async function withReplicas(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  o: ScaleOutOptions,
  replicas: number,
): Promise<ReplicaRun> {
  const label = `xp × ${replicas}, P=${o.partitions}`;
  const loadBefore = loadavg()[0];
  const run = new PlatformRun(databaseUrl, natsUrl);
  try {
    await run.start(['xp'], { env: { EVENT_PARTITIONS: String(o.partitions) }, replicas: { xp: replicas } });
    const chatters = await chattingGuilds(run, o.guilds, o.members);
    await run.waitForBot();
    // Timed below is applying, not a hand-over: every replica holds its share first.
    const held = await waitForShares(run.db, run.schemas.xp, run.pids('xp'), XP_CONSUMERS * o.partitions);
    await waitUntilSettled(`${label}: settling`, nc, run.topology, run.db, [
      run.schemas.xp,
      run.schemas.gateway,
    ]);
    // A day back, so that every member's backlog comes before its live messages of the latency step.
    const backlog = chatterEnvelopes(o.backlog, chatters, Date.now() - DAY_MS);
    // Paused while the backlog is published, so what they spend until it is applied is the drain's.
    const cpu = () => run.pids('xp').reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const cpuBefore = cpu();
    const drain = await backlogDrain(run, nc, `${label} backlog`, o.backlog, backlog);
    const drainCores = (cpu() - cpuBefore) / (o.backlog / drain);
    const latency = await realPathLatency(run, chatters, o.rate, o.seconds);
    await new Promise((r) => setTimeout(r, 2000)); // a message applied twice would land by now
    const ledger = await checkLedger(run.db, run.schemas.xp, o.backlog + latency.sent);
    const leases = run.pids('xp').map((p) => held.get(p) ?? 0);
    return { partitions: o.partitions, replicas, leases, drain, drainCores, loadBefore, latency, ledger };
  } finally {
    await run.stop(nc);
  }
}

function printRuns(runs: ReplicaRun[], o: ScaleOutOptions): void {
  const out = process.stdout;
  const short = (r: ReplicaRun) => `xp × ${r.replicas}, P=${r.partitions}`;
  const name = (r: ReplicaRun) => `${short(r)} (leases ${r.leases.join(' + ')})`;
  out.write('\n');
  out.write(
    barChart(
      `Backlog of ${o.backlog.toLocaleString('en-US')} message events drained (higher is better)`,
      runs.map((r) => ({ label: name(r), value: r.drain, unit: 'ev/s' })),
    ) + '\n',
  );
  const [baseline, ...others] = runs;
  for (const r of others)
    out.write(`ratio ${short(r)} / ${short(baseline)}: ${fmt((r.drain / baseline.drain) * 100)} %\n`);
  out.write(
    '(2 cores shared with Postgres, NATS, the gateway and the simulator: a second replica adds a writer, not a core)\n',
  );
  for (const r of runs)
    out.write(
      `  ${short(r)}: the replicas kept ${r.drainCores.toFixed(2)} cores busy while draining; machine load ${r.loadBefore.toFixed(1)} as the run began\n`,
    );
  out.write('\n');
  for (const r of runs) {
    printSummary(`post → xp commit at ${o.rate} msg/s, ${short(r)}`, r.latency);
    out.write(histogram('  distribution', r.latency.samples) + '\n');
  }
  out.write(
    '\n' +
      barChart(
        `p99 post → xp commit at ${o.rate} msg/s (lower is better)`,
        runs.map((r) => ({ label: short(r), value: Math.round(r.latency.p99), unit: 'ms' })),
      ) +
      '\n\n',
  );
  out.write("Every message committed once, in each member's order (xp_events against what was sent)\n");
  for (const r of runs) {
    const c = r.ledger;
    out.write(
      `  ${short(r)}: ${c.sent.toLocaleString('en-US')} sent, ${c.rows.toLocaleString('en-US')} rows, ` +
        `${c.distinct.toLocaleString('en-US')} distinct: lost ${c.lost} / duplicated ${c.duplicated} / reordered ${c.reordered}` +
        `${ledgerHolds(c) ? '' : '  FAILED'}\n`,
    );
  }
  out.write('\n');
}
