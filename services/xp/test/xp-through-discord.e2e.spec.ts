import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { startService, type RunningService } from '@guildhall/harness';
import { RunningXpService, startXpService } from '../src/app';
import { DATABASE_URL, getJson, NATS_URL, T0, waitFor, XpTestEnv } from './xp-test-env';

// A jest project's testTimeout is not applied; this file starts three components.
jest.setTimeout(120_000);

type Embed = {
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
};
type Row = { components: Array<{ custom_id: string; disabled?: boolean }> };

describe('xp through Discord: simulator → gateway → xp → gateway → simulator', () => {
  const t = new XpTestEnv();
  const gatewaySchema = `${t.schema}_gw`;
  let sim: DiscordSimulator;
  let gateway: RunningService;
  let xp: RunningXpService;
  let guild: GuildView;
  let channelId: string;
  const members: string[] = [];
  // A second guild for the 50 × 20 check, so the ranking tests below keep their five members.
  let crowd: GuildView;
  const crowdMembers: string[] = [];

  beforeAll(async () => {
    await t.setup();
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guild = sim.createGuild({ name: 'XP E2E', channels: ['general'] });
    channelId = guild.channels[0].id;
    for (const name of ['ada', 'grace', 'linus', 'barbara', 'ken'])
      members.push(sim.addMember(guild.id, { username: name }).user!.id);
    crowd = sim.createGuild({ name: 'XP E2E crowd', channels: ['chat'] });
    for (let i = 0; i < 50; i++)
      crowdMembers.push(sim.addMember(crowd.id, { username: `crowd${i}` }).user!.id);
    xp = await startXpService(t.env({ XP_LEADERBOARD_PAGE_SIZE: '2' }));
    gateway = await startService('gateway', {
      NODE_ENV: 'test',
      DATABASE_URL,
      NATS_URL,
      DB_SCHEMA: gatewaySchema,
      EVENT_NAMESPACE: t.namespace,
      PORT: '0',
      DISCORD_TOKEN: sim.botToken,
      DISCORD_API_URL: sim.apiUrl,
    });
    // guild.synced → xp's commands.register → the gateway registers them with "Discord".
    await waitFor(
      'commands registered',
      async () => {
        const calls = sim
          .calls({ method: 'PUT' })
          .filter((c) => c.path.includes(`/guilds/${guild.id}/commands`) && c.status < 300);
        return calls.some((c) => JSON.stringify(c.body).includes('leaderboard'));
      },
      30_000,
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await xp?.stop();
    await sim?.stop();
    await t.db?.query(`DROP SCHEMA IF EXISTS "${gatewaySchema}" CASCADE`).catch(() => undefined);
    await t.cleanup();
  });

  it('50 members × 20 messages posted in Discord with chosen timestamps earn exactly what the policy says', async () => {
    // Member i writes every (15 + i) s. With the default 10 XP and 60 s cooldown an award is due
    // at the first message at or after the last award + 60 s; computed here, not by the domain code.
    const expected = new Map<string, number>();
    const posts: Array<{ authorId: string; at: number }> = [];
    crowdMembers.forEach((userId, i) => {
      let last: number | null = null;
      let awards = 0;
      for (let k = 0; k < 20; k++) {
        const at = T0 + k * (15 + i) * 1000;
        posts.push({ authorId: userId, at });
        if (last === null || at >= last + 60_000) [awards, last] = [awards + 1, at];
      }
      expected.set(userId, awards * 10);
    });
    // Interleaved as in a busy channel, each member's messages in order.
    posts.sort((a, b) => a.at - b.at);
    const chat = crowd.channels[0].id;
    for (const p of posts)
      sim.postMessage({
        guildId: crowd.id,
        channelId: chat,
        authorId: p.authorId,
        content: 'hi',
        timestamp: new Date(p.at).toISOString(),
      });
    const url = `http://127.0.0.1:${xp.port}/guilds/${crowd.id}`;
    for (const userId of crowdMembers) {
      const m = await waitFor(
        `member ${userId}`,
        async () => {
          const body = (await getJson(`${url}/members/${userId}`)).body;
          return body?.messages === 20 && body;
        },
        30_000,
      );
      expect(m.xp).toBe(expected.get(userId));
    }
    expect((await getJson(`${url}/leaderboard?limit=1`)).body.total).toBe(50);
  });

  it('messages posted with chosen timestamps earn exactly the policy’s XP', async () => {
    // Member i writes 12 messages 20 s apart, starting i minutes in: awards at 0, 60, 120, 180 s → 40 XP;
    // member 0 also writes 12 more an hour later, 61 s apart → 12 awards → 160 XP, level 1.
    for (let i = 0; i < members.length; i++) {
      for (let k = 0; k < 12; k++) {
        sim.postMessage({
          guildId: guild.id,
          channelId,
          authorId: members[i],
          content: `hi ${k}`,
          timestamp: new Date(T0 + i * 60_000 + k * 20_000).toISOString(),
        });
      }
    }
    for (let k = 0; k < 12; k++) {
      sim.postMessage({
        guildId: guild.id,
        channelId,
        authorId: members[0],
        content: 'more',
        timestamp: new Date(T0 + 3_600_000 + k * 61_000).toISOString(),
      });
    }
    const url = `http://127.0.0.1:${xp.port}/guilds/${guild.id}`;
    await waitFor(
      'all messages applied',
      async () => (await getJson(`${url}/members/${members[0]}`)).body?.messages === 24,
      30_000,
    );
    for (let i = 1; i < members.length; i++) {
      await waitFor(
        `member ${i}`,
        async () => (await getJson(`${url}/members/${members[i]}`)).body?.messages === 12,
      );
      expect((await getJson(`${url}/members/${members[i]}`)).body).toMatchObject({ xp: 40, level: 0 });
    }
    expect((await getJson(`${url}/members/${members[0]}`)).body).toMatchObject({
      xp: 160,
      level: 1,
      position: 1,
    });
    // The level-up announcement went out through the gateway into the channel.
    await waitFor('level-up message', async () =>
      sim
        .channelMessages(guild.id, channelId)
        .some((m) => m.content.includes(`<@${members[0]}>`) && m.content.includes('level 1')),
    );
  });

  it('/profile is answered through the interaction callback within 3 s', async () => {
    const view = await sim.runCommand({ guildId: guild.id, channelId, userId: members[0], name: 'profile' });
    expect(view.callback).not.toBeNull();
    expect(view.respondedInMs).toBeLessThan(3000);
    expect(view.callback!.type).toBe(4);
    const embed = (view.callback!.data as { embeds: Embed[] }).embeds[0];
    const fields = Object.fromEntries(embed.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Level: '**1**', 'Total XP': '160', Position: '#1 of 5', Messages: '24' });
    expect(fields['Progress to level 2']).toContain('240 XP to go');
  });

  it('/leaderboard is answered within 3 s and its buttons page through it', async () => {
    const view = await sim.runCommand({
      guildId: guild.id,
      channelId,
      userId: members[1],
      name: 'leaderboard',
    });
    expect(view.respondedInMs).toBeLessThan(3000);
    const data = view.callback!.data as { embeds: Embed[]; components: Row[] };
    expect(data.embeds[0].description!.split('\n')[0]).toContain(`<@${members[0]}>`);
    expect(data.embeds[0].footer!.text).toContain('Page 1 of 3');
    const next = data.components[0].components[1];
    expect(next.custom_id).toBe('xp:lb:1');

    const click = await sim.clickComponent({
      guildId: guild.id,
      channelId,
      userId: members[1],
      messageId: view.original!.id,
      customId: next.custom_id,
    });
    expect(click.respondedInMs).toBeLessThan(3000);
    expect(click.callback!.type).toBe(7);
    const page2 = click.callback!.data as { embeds: Embed[] };
    expect(page2.embeds[0].footer!.text).toContain('Page 2 of 3');
    // Ties at 40 XP go to whoever reached it first: member 1 (started a minute before member 2).
    expect(page2.embeds[0].description).toContain(`🥉 <@${members[2]}>`);
    expect(page2.embeds[0].description).toContain(`**4.** <@${members[3]}>`);
  });
});
