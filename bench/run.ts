import 'reflect-metadata';
import { connectNats } from '@guildhall/eventing';
import type { NatsConnection } from '@nats-io/nats-core';
import { dashboardPages } from './dashboard/dashboard-phase';
import { rawBaseline } from './raw-baseline';
import { PlatformRun } from './platform-run';
import { benchGuild, chattersOf, realPathLatency, realPathThroughput, xpAloneThroughput } from './xp-path';
import { rolePickLatency } from './roles-latency';
import { scaleOut } from './scale-out/scale-out-phase';
import { barChart, fmt, histogram, printSummary } from './lib/report';

/**
 * `npm run bench`. Phases (BENCH_PHASES, comma-separated, default all):
 * - `messages`: message throughput through the real path against the raw JetStream → Postgres
 *   baseline, post-to-commit latency at a fixed rate, and web role pick → Discord PUT latency.
 *   Sizes: BENCH_MESSAGES (100000), BENCH_MEMBERS (1000), BENCH_RATE (2000/s), BENCH_SECONDS
 *   (10), BENCH_ROLE_PICKS (200).
 * - `scale-out`: 1 and then 2 xp replicas, each time a fresh platform with every process on
 *   BENCH_PARTITIONS (8) partitions and BENCH_SCALE_GUILDS (64) guilds of BENCH_SCALE_MEMBERS
 *   (16) members (a guild is one partition, so load spreads only across guilds): the drain rate
 *   of a backlog of BENCH_SCALE_MESSAGES (40000) published while every replica is paused, p50/p99
 *   post → commit through the real path at BENCH_SCALE_RATE (1000/s) for BENCH_SECONDS, and the
 *   ledger checked: every message once and each member's in order, or the phase fails. Then the
 *   partition balance of 10,000 Zipf-sized guilds over 4, 16 and 64 replicas at P = 16, 64 and
 *   256 (alone, without servers: `node -r @swc-node/register bench/scale-out/balance-report.ts`).
 * - `dashboard`: every dashboard page's server time for a guild of BENCH_GUILD_MEMBERS
 *   (100000) members; BENCH_PAGE_REQUESTS (20) timed requests per page after
 *   BENCH_PAGE_WARMUP (3); BENCH_GUILD_QUIZZES (300) members pass the quizzes; the phase fails
 *   after BENCH_DASHBOARD_MINUTES (25).
 * BENCH_PROFILE=1 leaves a CPU profile of every process in bench/results/profiles.
 */
const PHASES = { messages: messagesPhase, 'scale-out': scaleOutPhase, dashboard: dashboardPhase } as const;
type Phase = keyof typeof PHASES;

async function main(): Promise<void> {
  const env = process.env;
  const asked = (env.BENCH_PHASES ?? Object.keys(PHASES).join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = asked.filter((p) => !(p in PHASES));
  if (unknown.length > 0)
    throw new Error(
      `BENCH_PHASES: unknown phase ${unknown.join(', ')}; phases are ${Object.keys(PHASES).join(', ')}`,
    );
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const nc = await connectNats(natsUrl, 'bench');
  try {
    for (const phase of asked as Phase[]) await PHASES[phase](nc, databaseUrl, natsUrl, env);
  } finally {
    await nc.close();
  }
}

async function messagesPhase(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const total = Number(env.BENCH_MESSAGES ?? 100_000);
  const members = Number(env.BENCH_MEMBERS ?? 1000);
  const rate = Number(env.BENCH_RATE ?? 2000);
  const seconds = Number(env.BENCH_SECONDS ?? 10);
  const picks = Number(env.BENCH_ROLE_PICKS ?? 200);

  process.stdout.write(
    `Guildhall benchmark: ${total} messages from ${members} members; ${rate} msg/s for ${seconds} s; ${picks} role picks\n\n`,
  );
  const baseline = await rawBaseline(nc, databaseUrl, total, members);

  const run = new PlatformRun(databaseUrl, natsUrl);
  try {
    await run.start(['xp', 'roles']);
    const { guild, memberIds } = await benchGuild(run, members, ['Bench Artist']);
    await run.waitForBot();
    const real = await realPathThroughput(run, guild, memberIds, total);
    const latency = await realPathLatency(run, chattersOf(guild, memberIds), rate, seconds);
    const rolePicks = await rolePickLatency(run, guild as never, memberIds, picks);
    // Last: its level-ups are announcements to a guild the simulator does not have.
    const xpAlone = await xpAloneThroughput(run, nc, total, members);

    process.stdout.write('\n');
    process.stdout.write(
      barChart('Message events per second (higher is better)', [
        { label: 'raw JetStream → Postgres', value: baseline, unit: 'ev/s' },
        { label: 'JS → xp → PG (xp alone)', value: xpAlone, unit: 'ev/s' },
        { label: 'sim → gateway → JS → xp → PG', value: real, unit: 'ev/s' },
      ]) + '\n',
    );
    process.stdout.write(`ratio xp alone / raw baseline: ${fmt((xpAlone / baseline) * 100)} %\n`);
    process.stdout.write(`ratio real path / raw baseline: ${fmt((real / baseline) * 100)} %\n\n`);
    printSummary(`post → xp commit at ${rate} msg/s`, latency);
    process.stdout.write(histogram('  distribution', latency.samples) + '\n\n');
    printSummary('web role pick → role PUT at Discord', rolePicks);
    process.stdout.write(histogram('  distribution', rolePicks.samples) + '\n\n');
  } finally {
    await run.stop(nc);
  }
}

async function scaleOutPhase(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const o = {
    partitions: Number(env.BENCH_PARTITIONS ?? 8),
    guilds: Number(env.BENCH_SCALE_GUILDS ?? 64),
    members: Number(env.BENCH_SCALE_MEMBERS ?? 16),
    backlog: Number(env.BENCH_SCALE_MESSAGES ?? 40_000),
    rate: Number(env.BENCH_SCALE_RATE ?? 1000),
    seconds: Number(env.BENCH_SECONDS ?? 10),
    // e.g. "1x1,8x1,8x2": partitions × xp replicas, the first the baseline of the ratios.
    runs: env.BENCH_SCALE_RUNS?.split(',').map((r) => {
      const [partitions, replicas] = r.split('x').map(Number);
      return { partitions, replicas };
    }),
  };
  process.stdout.write(
    `Guildhall benchmark: scale-out, 1 xp replica unpartitioned, then 1 and 2 on ${o.partitions} partitions; ${o.guilds} guilds × ${o.members} members; ` +
      `a backlog of ${o.backlog} messages; ${o.rate} msg/s for ${o.seconds} s\n\n`,
  );
  await scaleOut(nc, databaseUrl, natsUrl, o);
}

async function dashboardPhase(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const members = Number(env.BENCH_GUILD_MEMBERS ?? 100_000);
  process.stdout.write(
    `Guildhall benchmark: dashboard pages for a guild of ${members.toLocaleString('en-US')} members\n\n`,
  );
  await dashboardPages(nc, databaseUrl, natsUrl, {
    members,
    agreeEvery: 3,
    quizzes: Number(env.BENCH_GUILD_QUIZZES ?? 300),
    requests: Number(env.BENCH_PAGE_REQUESTS ?? 20),
    warmup: Number(env.BENCH_PAGE_WARMUP ?? 3),
    timeoutMinutes: Number(env.BENCH_DASHBOARD_MINUTES ?? 25),
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`\nbenchmark failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
