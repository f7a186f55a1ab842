import { Client } from 'discord.js';
import type { DiscordSimulator } from '../src';
import { connectClient, INTENTS, startSimulator } from './sim-fixture';

const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

describe('gateway sessions', () => {
  let sim: DiscordSimulator;
  const clients: Client[] = [];

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

  it('closes with 4004 on a bad token, which discord.js treats as fatal', async () => {
    const client = new Client({ intents: INTENTS, rest: { api: sim.apiUrl } });
    clients.push(client);
    await expect(client.login('wrong-token')).rejects.toThrow();
    expect(sim.calls({ path: '/gateway/bot' }).at(-1)?.status).toBe(401);
  });
});
