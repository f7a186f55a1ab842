import type { Client, Interaction, Message } from 'discord.js';
import type { DiscordSimulator, GuildView, InteractionView } from '../src';
import { connectClient, startSimulator } from './sim-fixture';

/** The same operations over HTTP, as other processes (gateway service, bench, demo) use them. */
describe('the /_sim control API', () => {
  let sim: DiscordSimulator;
  let client: Client<true>;
  let guild: GuildView;

  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${sim.url}/_sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (res.status === 204 ? undefined : await res.json()) as T };
  };

  beforeAll(async () => {
    sim = await startSimulator();
    client = await connectClient(sim);
    guild = (await call<GuildView>('POST', '/guilds', { name: 'Control', roles: [{ name: 'Member' }] })).body;
    await new Promise<void>((resolve) =>
      client.guilds.cache.has(guild.id) ? resolve() : client.once('guildCreate', () => resolve()),
    );
  });

  afterAll(async () => {
    await client.destroy();
    await sim.stop();
  });

  it('reports health', async () => {
    expect(
      (await call<{ status: string; guilds: number; sessions: number }>('GET', '/health')).body,
    ).toMatchObject({ status: 'ok', guilds: 1, sessions: 1 });
  });

  it('creates a guild with @everyone, a managed bot role holding Manage Roles, and #general', () => {
    expect(guild.roles.map((r) => r.name)).toEqual(['@everyone', 'Member', 'Guildhall']);
    const botRole = guild.roles.find((r) => r.id === guild.botRoleId);
    expect(botRole?.managed).toBe(true);
    expect(BigInt(botRole?.permissions ?? 0) & (1n << 28n)).toBe(1n << 28n);
    expect(guild.channels.map((c) => c.name)).toEqual(['general']);
    expect(guild.members.map((m) => m.user.id)).toContain(sim.botUserId);
  });

  it('lays channels out under categories: in GUILD_CREATE, REST and CHANNEL_CREATE / UPDATE / DELETE', async () => {
    const { body: g } = await call<GuildView>('POST', '/guilds', {
      name: 'Layout',
      channels: [
        { name: 'lobby' },
        { name: 'rules', category: 'Start Here' },
        { name: 'general', category: 'Community' },
        { name: 'art', category: 'Community' },
      ],
    });
    expect(g.channels.map((c) => [c.name, c.type])).toEqual([
      ['lobby', 0],
      ['Start Here', 4],
      ['rules', 0],
      ['Community', 4],
      ['general', 0],
      ['art', 0],
    ]);
    const seen = await new Promise<import('discord.js').Guild>((resolve) => {
      const cached = client.guilds.cache.get(g.id);
      if (cached) resolve(cached);
      else client.once('guildCreate', resolve);
    });
    const community = g.channels.find((c) => c.name === 'Community')!;
    expect(seen.channels.cache.find((c) => c.name === 'art')?.parentId).toBe(community.id);
    expect(seen.channels.cache.get(community.id)?.type).toBe(4);
    const rest = await fetch(`${sim.apiUrl}/v10/guilds/${g.id}/channels`, {
      headers: { Authorization: `Bot ${sim.botToken}` },
    });
    const listed = (await rest.json()) as { name: string; parent_id: string | null }[];
    expect(listed.find((c) => c.name === 'general')?.parent_id).toBe(community.id);

    const created = new Promise<string[]>((resolve) => {
      const names: string[] = [];
      const on = (c: { name: string }) => {
        names.push(c.name);
        if (names.length < 2) return;
        client.off('channelCreate', on);
        resolve(names);
      };
      client.on('channelCreate', on);
    });
    const { body: bots } = await call<{ id: string; parent_id: string }>('POST', `/guilds/${g.id}/channels`, {
      name: 'bot-spam',
      category: 'Bots',
    });
    expect(await created).toEqual(['Bots', 'bot-spam']);
    const updated = new Promise<string | null>((resolve) =>
      client.once('channelUpdate', (_old, c) => resolve((c as { parentId: string | null }).parentId)),
    );
    expect(
      (await call('PATCH', `/guilds/${g.id}/channels/${bots.id}`, { parentId: community.id })).status,
    ).toBe(200);
    expect(await updated).toBe(community.id);
    const deleted = new Promise<string>((resolve) => client.once('channelDelete', (c) => resolve(c.id)));
    expect((await call('DELETE', `/guilds/${g.id}/channels/${bots.id}`)).status).toBe(204);
    expect(await deleted).toBe(bots.id);
    const post = await call<{ code: number }>('POST', '/messages', {
      channelId: community.id,
      authorId: g.ownerId,
      content: 'hi',
    });
    expect(post).toMatchObject({ status: 400, body: { code: 50008 } });
  });

  it('adds and removes members with GUILD_MEMBER_ADD / REMOVE', async () => {
    const joined = new Promise<string>((resolve) =>
      client.once('guildMemberAdd', (m) => resolve(m.user.username)),
    );
    const { status, body: member } = await call<{ user: { id: string } }>(
      'POST',
      `/guilds/${guild.id}/members`,
      { username: 'leo' },
    );
    expect(status).toBe(201);
    expect(await joined).toBe('leo');
    const left = new Promise<string>((resolve) => client.once('guildMemberRemove', (m) => resolve(m.id)));
    expect((await call('DELETE', `/guilds/${guild.id}/members/${member.user.id}`)).status).toBe(204);
    expect(await left).toBe(member.user.id);
  });

  it('runs a slash command over HTTP and returns the reply', async () => {
    const member = (
      await call<{ user: { id: string } }>('POST', `/guilds/${guild.id}/members`, { username: 'ana' })
    ).body;
    const onInteraction = async (i: Interaction) => {
      if (i.isChatInputCommand()) await i.reply(`level of <@${i.options.getUser('who')?.id}> is 2`);
    };
    client.on('interactionCreate', onInteraction);
    await client.application.commands.set(
      [
        {
          name: 'profile',
          description: 'Show a profile',
          options: [{ name: 'who', description: 'member', type: 6 }],
        },
      ],
      guild.id,
    );
    const { body } = await call<InteractionView>('POST', '/interactions/command', {
      guildId: guild.id,
      channelId: guild.channels[0].id,
      userId: member.user.id,
      name: 'profile',
      options: { who: member.user.id },
    });
    client.off('interactionCreate', onInteraction);
    expect(body.original?.content).toBe(`level of <@${member.user.id}> is 2`);
    expect(
      (await call<InteractionView>('GET', `/interactions/${body.interactionId}`)).body.callback?.type,
    ).toBe(4);
    const posted = (
      await call<{ content: string }[]>(
        'GET',
        `/guilds/${guild.id}/channels/${guild.channels[0].id}/messages`,
      )
    ).body;
    expect(posted.map((m) => m.content)).toContain(`level of <@${member.user.id}> is 2`);
  });

  it('filters recorded calls by method and path and reports injected faults', async () => {
    const puts = (
      await call<{ method: string; path: string }[]>(
        'GET',
        `/calls?method=PUT&pathRegex=${encodeURIComponent('/guilds/\\d+/commands$')}`,
      )
    ).body;
    expect(puts).toHaveLength(1);
    expect(
      (await call('POST', '/faults', { method: 'GET', path: '/users/@me', status: 503, count: 1 })).status,
    ).toBe(201);
    const res = await fetch(`${sim.apiUrl}/v10/users/@me`, {
      headers: { Authorization: `Bot ${sim.botToken}` },
    });
    expect(res.status).toBe(503);
    expect(
      (await fetch(`${sim.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${sim.botToken}` } }))
        .status,
    ).toBe(200);
    expect((await call('DELETE', '/calls')).status).toBe(204);
    expect((await call<unknown[]>('GET', '/calls')).body).toEqual([]);
  });

  it('pushes a batch of messages through one connection in order', async () => {
    const ana = guild.members.find((m) => m.user.id !== sim.botUserId)?.user.id as string;
    const count = 3000;
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      const onMessage = (m: Message) => {
        if (!m.content.startsWith('bulk ')) return;
        seen.push(m.content);
        if (seen.length === count) {
          client.off('messageCreate', onMessage);
          resolve();
        }
      };
      client.on('messageCreate', onMessage);
    });
    const messages = Array.from({ length: count }, (_, i) => ({
      channelId: guild.channels[0].id,
      authorId: ana,
      content: `bulk ${i}`,
    }));
    const { body } = await call<{ count: number }>('POST', '/messages/batch', { messages });
    expect(body.count).toBe(count);
    await done;
    expect(seen[0]).toBe('bulk 0');
    expect(seen[count - 1]).toBe(`bulk ${count - 1}`);
  });
});
