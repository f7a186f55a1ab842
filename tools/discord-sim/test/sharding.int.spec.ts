import { Client } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { DiscordSimulator } from '../src';
import { connectClient, INTENTS, startSimulator } from './sim-fixture';

const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

describe('gateway sessions', () => {
  let sim: DiscordSimulator;
  const clients: Client[] = [];

  const gatewayBot = async () =>
    (await fetch(`${sim.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${sim.botToken}` },
    }).then((r) => r.json())) as RESTGetAPIGatewayBotResult;

  async function waitForLogin<T>(probe: () => T | undefined): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const found = probe();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('timed out waiting for a gateway login');
  }

  beforeAll(async () => {
    sim = await startSimulator();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    await sim.stop();
  });

  it('split guilds between two clients by (guild_id >> 22) % shard_count', async () => {
    const guilds = Array.from({ length: 8 }, (_, i) => sim.createGuild({ name: `Guild ${i}` }));
    const byShard = [0, 1].map((shard) =>
      guilds
        .filter((g) => shardOf(g.id, 2) === shard)
        .map((g) => g.id)
        .sort(),
    );
    expect(byShard[0].length + byShard[1].length).toBe(8);

    for (const shard of [0, 1]) clients.push(await connectClient(sim, { shards: [shard], shardCount: 2 }));
    const seen = clients.map((c) => [...c.guilds.cache.keys()].sort());
    expect(seen).toEqual(byShard);
    expect(
      sim
        .gatewaySessions()
        .map((s) => s.shard)
        .sort(),
    ).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('records each IDENTIFY and RESUME with its shard and time, and counts the sessions started', async () => {
    const since = Date.now();
    const startedBefore = (await gatewayBot()).session_start_limit.remaining;
    const client = await connectClient(sim, { shards: [1], shardCount: 4 });
    clients.push(client);
    const [identify] = sim.gatewayLogins({ since, op: 'identify' });
    expect(identify).toMatchObject({ shard: [1, 4], outcome: 'ready' });
    expect(identify.at).toBeGreaterThanOrEqual(since);
    expect((await gatewayBot()).session_start_limit.remaining).toBe(startedBefore - 1);

    // A dropped socket: discord.js resumes, which starts no session.
    sim.disconnectGateway({ sessionId: identify.sessionId! });
    await waitForLogin(() => sim.gatewayLogins({ since, op: 'resume' })[0]);
    expect(sim.gatewayLogins({ since, shardId: 1 }).map((l) => [l.op, l.outcome, l.sessionId])).toEqual([
      ['identify', 'ready', identify.sessionId],
      ['resume', 'resumed', identify.sessionId],
    ]);
    expect((await gatewayBot()).session_start_limit.remaining).toBe(startedBefore - 1);
    const overHttp = (await fetch(`${sim.url}/_sim/gateway/logins?shardId=1&since=${since}`).then((r) =>
      r.json(),
    )) as Array<{ op: string }>;
    expect(overHttp.map((l) => l.op)).toEqual(['identify', 'resume']);
  });

  it('announces the max_concurrency it was given', async () => {
    const large = await startSimulator({ maxConcurrency: 16 });
    try {
      const res = await fetch(`${large.apiUrl}/v10/gateway/bot`, {
        headers: { authorization: `Bot ${large.botToken}` },
      });
      const body = (await res.json()) as RESTGetAPIGatewayBotResult;
      expect(body.session_start_limit).toMatchObject({ max_concurrency: 16, total: 1000, remaining: 1000 });
    } finally {
      await large.stop();
    }
  });

  it('closes with 4004 on a bad token, which discord.js treats as fatal', async () => {
    const client = new Client({ intents: INTENTS, rest: { api: sim.apiUrl } });
    clients.push(client);
    await expect(client.login('wrong-token')).rejects.toThrow();
    expect(sim.calls({ path: '/gateway/bot' }).at(-1)?.status).toBe(401);
  });
});
