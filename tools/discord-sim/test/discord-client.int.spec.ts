import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  Routes,
  type Client,
  type GuildMember,
  type Interaction,
  type Message,
  type TextChannel,
} from 'discord.js';
import type { DiscordSimulator, GuildView } from '../src';
import { connectClient, nextEvent, startSimulator } from './sim-fixture';

describe('the unmodified discord.js client against the simulator', () => {
  let sim: DiscordSimulator;
  let client: Client<true>;
  let guild: GuildView;
  let general: GuildView['channels'][number];
  let memberId: string;
  let handler: (interaction: Interaction) => Promise<void> = async () => undefined;
  /** The bot's handler finishes after the simulator saw its callback; tests await both. */
  let handled: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    sim = await startSimulator();
    guild = sim.createGuild({
      name: 'Test Guild',
      roles: [{ name: 'Member' }, { name: 'Artist', color: 0xff0000 }],
      channels: ['general', 'art'],
    });
    general = guild.channels.find((c) => c.name === 'general') as GuildView['channels'][number];
    memberId = sim.addMember(guild.id, {
      username: 'maya',
      roles: [guild.roles.find((r) => r.name === 'Member')?.id as string],
    }).user.id;
    client = await connectClient(sim);
    client.on('interactionCreate', (interaction) => {
      handled = handler(interaction);
    });
  });

  afterAll(async () => {
    await client?.destroy();
    await sim?.stop();
  });

  it('becomes ready and sees the guild with its roles, channels and members', async () => {
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Test Guild');
    expect(cached?.roles.cache.map((r) => r.name).sort()).toEqual([
      '@everyone',
      'Artist',
      'Guildhall',
      'Member',
    ]);
    expect(
      cached?.channels.cache
        .filter((c) => c.type === ChannelType.GuildText)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['art', 'general']);
    expect(cached?.members.cache.has(memberId)).toBe(true);
    expect(cached?.memberCount).toBe(3);
    expect(client.user.id).toBe(sim.botUserId);
    expect(cached?.members.me?.roles.highest.name).toBe('Guildhall');
  });

  it('delivers a control-API message as messageCreate whose createdAt is the chosen timestamp', async () => {
    const timestamp = '2024-05-01T10:20:30.456Z';
    const received = nextEvent<[Message]>(client, 'messageCreate', (m) => m.content === 'hello from maya');
    sim.postMessage({
      guildId: guild.id,
      channelId: general.id,
      authorId: memberId,
      content: 'hello from maya',
      timestamp,
    });
    const [message] = await received;
    expect(message.createdAt.toISOString()).toBe(timestamp);
    expect(message.author.id).toBe(memberId);
    expect(message.member?.id).toBe(memberId);
    expect(message.guildId).toBe(guild.id);
  });

  it('sends a slash command as a ChatInputCommandInteraction; an ephemeral reply resolves and is reported back', async () => {
    let seen: { name: string; option: string | null; resolved: boolean } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        name: interaction.commandName,
        option: interaction.options.getString('topic'),
        resolved: false,
      };
      await interaction.reply({ content: 'pong', ephemeral: true });
      seen.resolved = true;
    };
    const result = await sim.runCommand({
      guildId: guild.id,
      channelId: general.id,
      userId: memberId,
      name: 'ping',
      options: { topic: 'xp' },
    });
    await handled;
    expect(seen).toEqual({ name: 'ping', option: 'xp', resolved: true });
    expect(result.callback?.type).toBe(4);
    expect(result.callback?.data).toMatchObject({ content: 'pong', flags: 64 });
    expect(result.original?.content).toBe('pong');
    expect(result.respondedInMs).toBeLessThan(3000);
  });

  it('returns the edited original after deferReply + editReply', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await new Promise((r) => setTimeout(r, 50));
      await interaction.editReply({ content: 'your level is 3' });
    };
    const result = await sim.runCommand({
      guildId: guild.id,
      channelId: general.id,
      userId: memberId,
      name: 'profile',
    });
    expect(result.callback?.type).toBe(5);
    expect(result.original?.content).toBe('your level is 3');
    expect((result.original?.flags ?? 0) & 128).toBe(0);
    expect(sim.getInteraction(result.interactionId).original?.content).toBe('your level is 3');
  });

  it('answers a second callback for the same interaction with 40060', async () => {
    let second: unknown;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('first');
      second = await client.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'again' } },
          auth: false,
        })
        .catch((error: unknown) => error);
    };
    const result = await sim.runCommand({
      guildId: guild.id,
      channelId: general.id,
      userId: memberId,
      name: 'twice',
    });
    await handled;
    expect(result.original?.content).toBe('first');
    expect(second).toBeInstanceOf(DiscordAPIError);
    expect((second as DiscordAPIError).code).toBe(40060);
    expect((second as DiscordAPIError).status).toBe(400);
  });

  it('answers an unknown interaction token with 404 10062', async () => {
    const error = await client.rest
      .post(Routes.interactionCallback('123456789012345678', 'not-a-token'), {
        body: { type: 4, data: { content: 'x' } },
        auth: false,
      })
      .catch((e: unknown) => e);
    expect((error as DiscordAPIError).status).toBe(404);
    expect((error as DiscordAPIError).code).toBe(10062);
  });

  it('delivers a button click as a ButtonInteraction carrying the message, and update edits it', async () => {
    const channel = client.channels.cache.get(general.id) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('rules:agree').setLabel('I Agree').setStyle(ButtonStyle.Success),
    );
    const posted = await channel.send({ content: 'Please read the rules', components: [row] });
    let clickedMessageContent: string | undefined;
    handler = async (interaction) => {
      if (!interaction.isButton()) return;
      clickedMessageContent = interaction.message.content;
      await interaction.update({ content: 'Thanks for agreeing!', components: [] });
    };
    const updated = nextEvent<[unknown, Message]>(client, 'messageUpdate', (_old, m) => m.id === posted.id);
    const result = await sim.clickComponent({
      guildId: guild.id,
      channelId: general.id,
      userId: memberId,
      messageId: posted.id,
      customId: 'rules:agree',
    });
    expect(clickedMessageContent).toBe('Please read the rules');
    expect(result.callback?.type).toBe(7);
    expect(result.original?.content).toBe('Thanks for agreeing!');
    expect(result.original?.components).toEqual([]);
    const [, message] = await updated;
    expect(message.content).toBe('Thanks for agreeing!');
    expect(sim.channelMessages(guild.id, general.id).map((m) => m.content)).toContain('Thanks for agreeing!');
  });

  it('adds a role through member.roles.add: a PUT, then guildMemberUpdate on the gateway', async () => {
    const artist = guild.roles.find((r) => r.name === 'Artist')?.id as string;
    const member = await client.guilds.cache.get(guild.id)?.members.fetch(memberId);
    const updated = nextEvent<[GuildMember, GuildMember]>(client, 'guildMemberUpdate', (_old, m) =>
      m.roles.cache.has(artist),
    );
    await member?.roles.add(artist);
    await updated;
    expect(sim.getMember(guild.id, memberId).roles).toContain(artist);
    const calls = sim.calls({ method: 'PUT', path: `/members/${memberId}/roles/${artist}` });
    expect(calls).toHaveLength(1);
    expect(calls[0].status).toBe(204);
  });

  it('refuses a role at or above the bot with 403 50013 Missing Permissions', async () => {
    const high = sim.createRole(guild.id, { name: 'Admin', aboveBot: true });
    await nextEvent(client, 'roleCreate', (r: { id: string }) => r.id === high.id).catch(() => undefined);
    const member = await client.guilds.cache.get(guild.id)?.members.fetch(memberId);
    const error = await member?.roles.add(high.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(403);
    expect((error as DiscordAPIError).code).toBe(50013);
    expect(sim.getMember(guild.id, memberId).roles).not.toContain(high.id);
  });

  it('records REST calls and lets tests inject failures that discord.js retries', async () => {
    const channel = client.channels.cache.get(general.id) as TextChannel;
    sim.clearCalls();
    sim.injectFault({ method: 'POST', path: `/channels/${general.id}/messages`, status: 500, count: 2 });
    const sent = await channel.send('survives two 500s');
    expect(sent.content).toBe('survives two 500s');
    const statuses = sim.calls({ method: 'POST', path: /\/channels\/\d+\/messages$/ }).map((c) => c.status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(sim.calls({ method: 'POST' })[2].body).toMatchObject({ content: 'survives two 500s' });

    sim.injectFault({
      method: 'POST',
      path: `/channels/${general.id}/messages`,
      status: 429,
      retryAfter: 0.2,
    });
    const started = Date.now();
    await channel.send('after a rate limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    sim.injectFault({ method: 'POST', path: `/channels/${general.id}/messages`, status: 500, count: 10 });
    await expect(channel.send('gives up')).rejects.toMatchObject({ status: 500 });
    sim.clearFaults();
  });

  it('resumes after the socket is killed and replays what was missed', async () => {
    const resumed = nextEvent(client, 'shardResume', () => true, 15_000);
    expect(sim.disconnectGateway()).toBe(1);
    const missed = nextEvent<[Message]>(
      client,
      'messageCreate',
      (m) => m.content === 'sent while offline',
      15_000,
    );
    sim.postMessage({ channelId: general.id, authorId: memberId, content: 'sent while offline' });
    await resumed;
    await missed;
    expect(sim.gatewaySessions().filter((s) => s.connected)).toHaveLength(1);
  });
});
