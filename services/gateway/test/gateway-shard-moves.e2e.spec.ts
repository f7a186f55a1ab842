import { DISCORD_EPOCH, DiscordSimulator, type GatewayLogin, type GuildView } from '@guildhall/discord-sim';
import { ServiceProcess } from '@guildhall/harness';
import { ServiceTestEnv, waitFor } from '@guildhall/testing';
import { Chatter, expectExactlyOnceInOrder } from './chatter';
import { streamedMessageIds } from './discord-stream';

// Each step starts gateway processes (a few seconds each on 2 cores) and waits out identify windows.
jest.setTimeout(240_000);

const SHARD_COUNT = 2;
const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % BigInt(SHARD_COUNT));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Gateways as Kubernetes runs them: one process per shard set, over one Postgres schema, while
 * members keep chatting in a guild of each shard. A shard that moves to another process (a
 * rolling update, a pod rescheduled, a second process started by mistake) must be run by one
 * process at a time, resume its Discord session instead of identifying afresh, and lose or
 * double no message; fresh identifies of the bot are 5 s apart per bucket whichever process
 * sends them (Discord: max_concurrency per 5 s, here 1).
 */
describe('shards moving between gateway processes', () => {
  const t = new ServiceTestEnv('gateway');
  let sim: DiscordSimulator;
  /** One guild per shard, index = shard id. */
  const guilds: GuildView[] = [];
  const members: string[][] = [];
  const processes: ServiceProcess[] = [];
  const starting: Array<Promise<ServiceProcess>> = [];
  const chatting: Chatter[] = [];

  /** A gateway process running `shardIds` of the bot's two shards; resolves once it is up. */
  async function gateway(shardIds: string): Promise<ServiceProcess> {
    const p = await ServiceProcess.start(
      'gateway',
      t.env({
        DISCORD_TOKEN: sim.botToken,
        DISCORD_API_URL: sim.apiUrl,
        SHARD_COUNT: String(SHARD_COUNT),
        SHARD_IDS: shardIds,
      }),
    );
    processes.push(p);
    return p;
  }

  /** Started now, up only once the shards it asks for are free: its start is awaited later. */
  function waitingGateway(shardIds: string): Promise<ServiceProcess> {
    const p = gateway(shardIds);
    p.catch(() => undefined); // awaited (and reported) by the test
    starting.push(p);
    return p;
  }

  /** Gateway processes connected to Postgres for shard leases (the running and the waiting). */
  async function leaseConnections(): Promise<number> {
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE $1`,
      [`guildhall shards ${t.schema} %`],
    );
    return rows[0].n;
  }

  function chatters(): Chatter[] {
    const chat = guilds.map((g, shard) => new Chatter(sim, g, members[shard]));
    chatting.push(...chat);
    return chat;
  }
  const logins = (since: number): Array<[GatewayLogin['op'], number | undefined, string | null]> =>
    sim.gatewayLogins({ since }).map((l) => [l.op, l.shard?.[0], l.sessionId]);
  /** The figures of a hand-over: from the signal to each shard's RESUME, and what Discord replayed. */
  const report = (signal: string, at: number) =>
    console.log(
      sim
        .gatewayLogins({ since: at, op: 'resume' })
        .map(
          (l) =>
            `${signal}: shard ${l.shard?.[0]} resumed ${l.at - at} ms later, ${l.replayed} dispatches replayed`,
        )
        .join('\n'),
    );
  const sessionOf = (shard: number) => sim.gatewaySessions().find((s) => s.shard[0] === shard)?.id;

  async function expectEveryMessageOnce(chat: Chatter[], before: string[][]): Promise<void> {
    await waitFor(
      'every message on the stream',
      async () => {
        const ids = await streamedMessageIds(t.nc, t.topology);
        return ids.length >= before.flat().length + chat.reduce((n, c) => n + c.posted.length, 0)
          ? true
          : undefined;
      },
      30_000,
    ).catch(() => undefined);
    for (const [shard, guild] of guilds.entries()) {
      const ids = (await streamedMessageIds(t.nc, t.topology, guild.id)).slice(before[shard].length);
      expectExactlyOnceInOrder(ids, chat[shard].posted);
    }
  }
  const streamedSoFar = () => Promise.all(guilds.map((g) => streamedMessageIds(t.nc, t.topology, g.id)));

  beforeAll(async () => {
    await t.setup();
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    // Guild ids whose timestamp part puts them on shard 0 and on shard 1: (id >> 22) % 2.
    const ms = (BigInt(Date.now() - DISCORD_EPOCH) >> 1n) << 1n;
    for (let shard = 0; shard < SHARD_COUNT; shard++) {
      const id = String((ms + BigInt(shard)) << 22n);
      guilds.push(sim.createGuild({ id, name: `Shard ${shard}`, channels: ['general'] }));
      expect(shardOf(id)).toBe(shard);
    }
    for (const g of guilds)
      members.push(Array.from({ length: 3 }, (_, i) => sim.addMember(g.id, { username: `m${i}` }).user!.id));
  });

  afterAll(async () => {
    for (const c of chatting) c.stop();
    await Promise.all(processes.map((p) => p.stop()));
    // A process still waiting for its shards gets them now; then it stops too.
    await Promise.allSettled(starting);
    await Promise.all(processes.map((p) => p.stop()));
    await sim?.stop();
    await t.cleanup();
  });

  let running: Record<number, ServiceProcess> = {};

  it('stopped, a process running shards 0 and 1 hands each to the process waiting for it, which resumes the session', async () => {
    const a = await gateway('0,1');
    running = { 0: a, 1: a };
    const sessions = [sessionOf(0), sessionOf(1)];
    expect(sessions.every(Boolean)).toBe(true);
    const chat = chatters();
    for (const c of chat) c.start(20);
    await waitFor('messages on the stream', async () =>
      (await streamedMessageIds(t.nc, t.topology)).length >= 50 ? true : undefined,
    );

    // A rolling update overlapping, or a second process started by mistake: they wait.
    const waitingSince = Date.now();
    const b = waitingGateway('1');
    const c = waitingGateway('0');
    await waitFor(
      'the new processes to ask for their shards',
      async () => (await leaseConnections()) >= 3 || logins(waitingSince).length > 0,
      60_000,
    );
    await pause(3000);
    expect(logins(waitingSince)).toEqual([]);
    expect(sim.gatewaySessions().filter((s) => s.connected)).toHaveLength(2);

    const movedAt = Date.now();
    await a.stop();
    running = { 0: await c, 1: await b };
    await pause(1000);
    for (const ch of chat) ch.stop();
    await expectEveryMessageOnce(chat, [[], []]);
    // Each shard's session went on in its new process: resumed, not identified afresh.
    expect(logins(movedAt)).toEqual(
      expect.arrayContaining([
        ['resume', 0, sessions[0]],
        ['resume', 1, sessions[1]],
      ]),
    );
    expect(logins(movedAt)).toHaveLength(2);
    expect([sessionOf(0), sessionOf(1)]).toEqual(sessions);
    report('SIGTERM', movedAt);
  });

  it('killed with SIGKILL, a shard goes to the process waiting for it, which resumes from the stored session', async () => {
    const before = await streamedSoFar();
    const session = sessionOf(1);
    const chat = chatters();
    for (const c of chat) c.start(20);
    const killedBefore = Date.now();
    const d = waitingGateway('1');
    await waitFor(
      'the new process to ask for shard 1',
      async () => (await leaseConnections()) >= 3 || sim.gatewayLogins({ since: killedBefore }).length > 0,
      60_000,
    );
    await pause(1000);
    expect(logins(killedBefore)).toEqual([]);
    const killedAt = Date.now();
    await running[1].kill();
    running[1] = await d;
    await pause(1000);
    for (const c of chat) c.stop();
    await expectEveryMessageOnce(chat, before);
    expect(logins(killedAt)).toEqual([['resume', 1, session]]);
    report('SIGKILL', killedAt);
  });

  it('a process whose lease connection is cut stops, and the process waiting for its shard resumes it', async () => {
    const before = await streamedSoFar();
    const session = sessionOf(0);
    const chat = chatters();
    for (const c of chat) c.start(20);
    const since = Date.now();
    const successor = waitingGateway('0');
    await waitFor(
      'the new process to ask for shard 0',
      async () => (await leaseConnections()) >= 3 || sim.gatewayLogins({ since }).length > 0,
      60_000,
    );
    // As a Postgres failover or a network cut would: the holder's lock goes with its connection.
    const cutAt = Date.now();
    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1`,
      [`guildhall shards ${t.schema} ${running[0].pid}@%`],
    );
    const cut = running[0];
    running[0] = await successor;
    await waitFor('the cut-off process to stop', async () => !cut.running);
    await pause(1000);
    for (const c of chat) c.stop();
    await expectEveryMessageOnce(chat, before);
    expect(logins(cutAt).filter(([op]) => op === 'identify')).toEqual([]);
    expect(sessionOf(0)).toBe(session);
    report('lease cut', cutAt);
  });

  it('a process still waiting for its shard stops at once when told to', async () => {
    const waiting = waitingGateway('0');
    const pid = await waitFor('the new process to ask for shard 0', async () => {
      const { rows } = await t.db.query<{ name: string }>(
        `SELECT application_name AS name FROM pg_stat_activity WHERE application_name LIKE $1`,
        [`guildhall shards ${t.schema} %`],
      );
      const pids = rows.map((r) => Number(/ (\d+)@/.exec(r.name)?.[1]));
      return pids.find((p) => p !== running[0].pid && p !== running[1].pid);
    });
    const signalledAt = Date.now();
    process.kill(pid, 'SIGTERM');
    await expect(waiting).rejects.toThrow(/exited \(0\)/);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
  });

  it('identifying afresh from two processes at once, the bot identifies once per 5 s (max_concurrency 1)', async () => {
    await Promise.all([running[0].stop(), running[1].stop()]);
    // Discord no longer knows the sessions (the resume window passed): both shards must IDENTIFY.
    for (const s of sim.gatewaySessions()) sim.context.gateway.sessions.delete(s.id);
    const since = Date.now();
    await Promise.all([gateway('0'), gateway('1')]);
    const identifies = sim.gatewayLogins({ since, op: 'identify' });
    expect(identifies.map((l) => l.shard?.[0]).sort()).toEqual([0, 1]);
    const gapMs = Math.abs(identifies[1].at - identifies[0].at);
    console.log(`identify gap between two processes: ${gapMs} ms`);
    expect(gapMs).toBeGreaterThanOrEqual(5000);
  });
});
