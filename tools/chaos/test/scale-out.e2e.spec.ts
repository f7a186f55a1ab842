import path from 'node:path';
import type { ServiceProcess } from '@guildhall/harness';
import { waitFor } from '@guildhall/testing';
import { ChaosPlatform } from '../src/chaos-platform';
import { leaseHolders, leasesSettle } from '../src/lease-holders';
import { MESSAGE_GAP_MS } from '../src/steady-load';

// Seven service processes, the simulator and two private servers on 2 cores.
jest.setTimeout(10 * 60_000);

const PARTITIONS = 8;
const GUILDS = 1000;
const MEMBERS_PER_GUILD = 2;
const ROUNDS = 8;
/** xp's consumers, each partitioned: xp-interactions, xp-directory, xp-messages. */
const XP_CONSUMERS = 3;
/** roles-discord, roles-domain. */
const ROLES_CONSUMERS = 2;

interface Chatter {
  guildId: string;
  channelId: string;
  userId: string;
  said: number;
}

/**
 * Issue 10, done when: 3 xp replicas, 2 roles replicas and 2 gateways (one shard each) on a log
 * of 8 partitions, 1,000 guilds chatting through the simulator. Mid-stream one xp replica is
 * killed with SIGKILL; later a fourth starts. Every member's XP must be exact (10 per message,
 * each message 61 s after the last in Discord's time), no member's messages decided out of
 * order (a late one would fall in a later one's cooldown and earn nothing), and the time until
 * every partition is held again is printed.
 */
describe('scale-out: replicas of xp and roles on partitions, two gateway shards, 1,000 guilds', () => {
  let platform: ChaosPlatform;
  const xp: ServiceProcess[] = [];
  const roles: ServiceProcess[] = [];
  const chatters: Chatter[] = [];
  const t0 = Date.now() - 3 * 86_400_000;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    platform = await ChaosPlatform.create(path.resolve(__dirname, '../../../test-output/scale-out'), {
      EVENT_PARTITIONS: String(PARTITIONS),
    });
    for (let g = 0; g < GUILDS; g++) {
      const guild = platform.sim.createGuild({ name: `guild ${g}`, channels: ['general'] });
      const channelId = guild.channels.find((c) => c.name === 'general')!.id;
      for (let m = 0; m < MEMBERS_PER_GUILD; m++) {
        const userId = platform.sim.addMember(guild.id, { username: `g${g}m${m}` }).user!.id;
        chatters.push({ guildId: guild.id, channelId, userId, said: 0 });
      }
    }
    // Services first, so the gateways' guild.synced find their consumers ready.
    const started = await Promise.all([
      ...[0, 1, 2].map(() => platform.startReplica('xp')),
      ...[0, 1].map(() => platform.startReplica('roles')),
    ]);
    xp.push(...started.slice(0, 3));
    roles.push(...started.slice(3));
    await Promise.all(
      [0, 1].map((shard) => platform.startReplica('gateway', { SHARD_COUNT: '2', SHARD_IDS: String(shard) })),
    );
    await Promise.all([platform.sim.waitForBot(0, 120_000), platform.sim.waitForBot(1, 120_000)]);
    await leasesSettle(platform.db, 'xp', XP_CONSUMERS * PARTITIONS, (h) => h.size === 3, 60_000);
    await leasesSettle(platform.db, 'roles', ROLES_CONSUMERS * PARTITIONS, (h) => h.size === 2, 60_000);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** One message from every chatter: 2,000 messages over both shards. */
  function round(): void {
    chatters.forEach((c, i) => {
      c.said++;
      platform.sim.postMessage({
        guildId: c.guildId,
        channelId: c.channelId,
        authorId: c.userId,
        content: `message ${c.said}`,
        // The chatter's index in the milliseconds keeps every timestamp (and id) distinct.
        timestamp: new Date(t0 + c.said * MESSAGE_GAP_MS + (i % 1000)).toISOString(),
      });
    });
  }

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('keeps every member exact while an xp replica dies and another joins', async () => {
    for (let r = 0; r < 3; r++) {
      round();
      await pause(1000);
    }
    const victim = xp[0];
    const killedAt = Date.now();
    await victim.kill();
    round();
    timings.afterKill = await leasesSettle(
      platform.db,
      'xp',
      XP_CONSUMERS * PARTITIONS,
      (h) => h.size === 2 && !h.has(victim.pid as number),
    ).then(() => Date.now() - killedAt);
    round();
    await pause(1000);

    const joinedAt = Date.now();
    const newcomer = await platform.startReplica('xp');
    xp.push(newcomer);
    timings.newcomerHealthy = Date.now() - joinedAt;
    round();
    timings.afterJoin = await leasesSettle(
      platform.db,
      'xp',
      XP_CONSUMERS * PARTITIONS,
      (h) => h.size === 3 && (h.get(newcomer.pid as number) ?? 0) > 0,
    ).then(() => Date.now() - joinedAt);
    for (let r = 6; r < ROUNDS; r++) {
      round();
      await pause(1000);
    }

    const total = chatters.length * ROUNDS;
    const appliedAt = Date.now();
    await waitFor(
      `xp to decide all ${total} messages`,
      async () =>
        (
          await platform.db.query<{ n: number }>(
            `SELECT count(DISTINCT source_id)::int AS n FROM xp.xp_events`,
          )
        ).rows[0].n >= total,
      180_000,
    );
    timings.catchUp = Date.now() - appliedAt;
    await pause(2000); // a message applied twice would land now

    const { rows: members } = await platform.db.query<{
      guild_id: string;
      user_id: string;
      xp: string;
      messages: number;
    }>(`SELECT guild_id, user_id, xp, messages FROM xp.member_xp`);
    const byMember = new Map(members.map((m) => [`${m.guild_id}/${m.user_id}`, m]));
    const wrong = chatters
      .map((c) => ({ c, m: byMember.get(`${c.guildId}/${c.userId}`) }))
      .filter(({ c, m }) => !m || Number(m.xp) !== 10 * c.said || m.messages !== c.said)
      .slice(0, 5)
      .map(({ c, m }) => ({ member: c.userId, said: c.said, xp: m?.xp, messages: m?.messages }));

    const { rows: twice } = await platform.db.query(
      `SELECT source_id, count(*)::int AS n FROM xp.xp_events GROUP BY source_id HAVING count(*) > 1 LIMIT 5`,
    );
    // xp's ledger ids are the order it decided in: a member's messages must come in their own order.
    const { rows: outOfOrder } = await platform.db.query(
      `SELECT user_id, occurred_at, before FROM (
         SELECT user_id, occurred_at, lag(occurred_at) OVER (PARTITION BY guild_id, user_id ORDER BY id) AS before
         FROM xp.xp_events
       ) s WHERE before IS NOT NULL AND occurred_at <= before LIMIT 5`,
    );
    const xpLeases = await leaseHolders(platform.db, 'xp');
    const rolesLeases = await leaseHolders(platform.db, 'roles');

    process.stdout.write(
      `scale-out, ${GUILDS} guilds, ${total} messages, ${PARTITIONS} partitions: ` +
        `partitions held again ${(timings.afterKill / 1000).toFixed(1)} s after kill -9 of an xp replica; ` +
        `a new replica healthy after ${(timings.newcomerHealthy / 1000).toFixed(1)} s, holding its share ` +
        `${(timings.afterJoin / 1000).toFixed(1)} s after it was started; caught up ${(timings.catchUp / 1000).toFixed(1)} s after the last round. ` +
        `xp leases by pid: ${JSON.stringify([...xpLeases])}; roles: ${JSON.stringify([...rolesLeases])}\n`,
    );

    expect(wrong).toEqual([]);
    expect(twice).toEqual([]);
    expect(outOfOrder).toEqual([]);
    // Every live replica applies a share: 24 xp leases over 3 processes, 16 roles leases over 2.
    expect([...xpLeases.keys()].sort()).toEqual(
      xp
        .slice(1)
        .map((p) => p.pid)
        .sort(),
    );
    expect(Math.min(...xpLeases.values())).toBeGreaterThanOrEqual(XP_CONSUMERS * 2);
    expect([...rolesLeases.keys()].sort()).toEqual(roles.map((p) => p.pid).sort());
    expect(timings.afterKill).toBeLessThan(10_000);
    expect(timings.afterJoin - timings.newcomerHealthy).toBeLessThan(10_000);
    expect([...xp.slice(1), ...roles].filter((p) => !p.running).map((p) => p.recentOutput)).toEqual([]);
  });
});
