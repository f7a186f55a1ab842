import type { NatsConnection } from '@nats-io/nats-core';
import { Publisher, type OutgoingMessage } from '@guildhall/eventing';
import { messageEnvelopes, type Chatter } from './lib/messages';
import type { PlatformRun } from './platform-run';
import { progress, progressDone, summarize, type LatencySummary } from './lib/report';

interface SimGuild {
  id: string;
  channels: { id: string }[];
}

/** A guild with `members` chatting members, created through the simulator's control API. */
export async function benchGuild(
  run: PlatformRun,
  members: number,
  roles: string[] = [],
): Promise<{ guild: SimGuild; memberIds: string[] }> {
  const guild = (
    await run.sim('POST', '/guilds', {
      name: 'Bench Guild',
      channels: ['general'],
      roles: roles.map((name) => ({ name })),
    })
  ).body as SimGuild;
  const memberIds: string[] = [];
  for (let i = 0; i < members; i++) {
    const res = await run.sim('POST', `/guilds/${guild.id}/members`, { username: `member${i}` });
    memberIds.push(res.body.user.id);
  }
  return { guild, memberIds };
}

/** Who posts in a guild made by benchGuild: every member, in its first channel. */
export function chattersOf(guild: SimGuild, memberIds: string[]): Chatter[] {
  return memberIds.map((userId) => ({ guildId: guild.id, channelId: guild.channels[0].id, userId }));
}

async function counted(run: PlatformRun): Promise<number> {
  const { rows } = await run.db.query(`SELECT count(*)::int AS n FROM "${run.schemas.xp}".xp_events`);
  return rows[0].n;
}

/** How long xp may commit nothing while messages are outstanding before the run is called lost. */
const STALL_MS = 60_000;

/**
 * Waits until xp has committed `expected` more events than `before`, reporting progress. A
 * message lost on the way would otherwise leave the benchmark waiting forever.
 */
export async function waitForCommits(
  run: PlatformRun,
  label: string,
  before: number,
  expected: number,
): Promise<void> {
  let last = -1;
  let movedAt = performance.now();
  for (;;) {
    const n = (await counted(run)) - before;
    progress(label, n, expected);
    if (n >= expected) break;
    if (n !== last) [last, movedAt] = [n, performance.now()];
    else if (performance.now() - movedAt > STALL_MS)
      throw new Error(
        `${label}: xp committed ${n} of ${expected} messages and nothing more for ${STALL_MS / 1000} s; ${expected - n} are missing`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
  progressDone();
}

/**
 * Posts `total` messages at the simulator as fast as it takes them and times until xp has
 * committed every one: simulator → gateway (discord.js) → JetStream → xp → Postgres.
 */
export async function realPathThroughput(
  run: PlatformRun,
  guild: SimGuild,
  memberIds: string[],
  total: number,
): Promise<number> {
  const channelId = guild.channels[0].id;
  const before = await counted(run);
  const t0 = Date.parse('2025-06-01T00:00:00Z');
  const started = performance.now();
  const chunk = 5000;
  for (let start = 0; start < total; start += chunk) {
    const messages = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const m = i % memberIds.length;
      // 61 s apart per member, so every message earns XP: the heaviest case for xp.
      const timestamp = new Date(t0 + Math.floor(i / memberIds.length) * 61_000 + m).toISOString();
      messages.push({ guildId: guild.id, channelId, authorId: memberIds[m], content: 'hello', timestamp });
    }
    await run.sim('POST', '/messages/batch', { messages });
    progress('real path: posting', Math.min(total, start + chunk), total);
  }
  progressDone();
  await waitForCommits(run, 'real path: committed', before, total);
  return total / ((performance.now() - started) / 1000);
}

/**
 * xp's own pace: `total` message events published straight onto DISCORD while xp is paused
 * (SIGSTOP), then timed from resume until xp has committed every one. JetStream → xp →
 * Postgres with the machine to itself, where the real path shares it with the simulator and
 * the gateway.
 */
export function xpAloneThroughput(
  run: PlatformRun,
  nc: NatsConnection,
  total: number,
  members: number,
): Promise<number> {
  return backlogDrain(run, nc, 'xp alone', total, messageEnvelopes(total, members));
}

/**
 * A backlog of `total` events published while every xp replica is paused (SIGSTOP), in the
 * run's layout (its partitions); events per second from resuming them all until xp has
 * committed every one.
 */
export async function backlogDrain(
  run: PlatformRun,
  nc: NatsConnection,
  label: string,
  total: number,
  chunks: Iterable<OutgoingMessage[]>,
): Promise<number> {
  const publisher = new Publisher(nc, run.topology);
  const before = await counted(run);
  const xp = run.pids('xp');
  for (const pid of xp) process.kill(pid, 'SIGSTOP');
  try {
    let published = 0;
    for (const chunk of chunks) {
      await publisher.publishMany(chunk);
      published += chunk.length;
      progress(`${label}: publishing`, published, total);
    }
    progressDone();
  } finally {
    for (const pid of xp) process.kill(pid, 'SIGCONT');
  }
  const started = performance.now();
  await waitForCommits(run, `${label}: committed`, before, total);
  return total / ((performance.now() - started) / 1000);
}

/**
 * Messages at a fixed rate, stamped with the real time they were posted; latency is the xp
 * transaction's time minus that stamp (Discord post → simulator → gateway → JetStream → xp commit).
 */
export async function realPathLatency(
  run: PlatformRun,
  chatters: Chatter[],
  rate: number,
  seconds: number,
): Promise<LatencySummary & { samples: number[]; sent: number }> {
  const tickMs = 50;
  const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
  const ticks = Math.round((seconds * 1000) / tickMs);
  const startedAt = new Date();
  const before = await counted(run);
  let sent = 0;
  const begin = performance.now();
  for (let t = 0; t < ticks; t++) {
    const now = Date.now();
    const messages = [];
    for (let i = 0; i < perTick; i++, sent++) {
      const c = chatters[sent % chatters.length];
      messages.push({
        guildId: c.guildId,
        channelId: c.channelId,
        authorId: c.userId,
        content: 'hi',
        timestamp: new Date(now).toISOString(),
      });
    }
    await run.sim('POST', '/messages/batch', { messages });
    progress(`latency: ${rate}/s`, t + 1, ticks);
    const next = begin + (t + 1) * tickMs;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  progressDone();
  await waitForCommits(run, 'latency: committed', before, sent);
  const { rows } = await run.db.query(
    `SELECT extract(epoch FROM (recorded_at - occurred_at)) * 1000 AS ms FROM "${run.schemas.xp}".xp_events WHERE occurred_at >= $1`,
    [new Date(startedAt.getTime() - 1000)],
  );
  const samples = rows.map((r: { ms: string }) => Math.max(0, Number(r.ms)));
  return { ...summarize(samples), samples, sent };
}
