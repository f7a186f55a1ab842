import {
  commandSubject,
  componentSubject,
  discordSubject,
  envelope,
  Envelope,
  GuildSynced,
  InteractionCommand,
  InteractionComponent,
} from '@guildhall/contracts';
import { RunningXpService, startXpService } from '../src/app';
import { getJson, messageCreated, MessageSpec, nextSnowflake, T0, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(60_000);

const GUILD = '110000000000000001';
const APP = '120000000000000001';
const user = (i: number) => String(410000000000000000n + BigInt(i));

const base = (userId: string) => ({
  interactionId: nextSnowflake(),
  token: `token-${nextSnowflake()}`,
  applicationId: APP,
  userId,
  username: `member${userId.slice(-3)}`,
  channelId: '200000000000000001',
  roleIds: [],
  permissions: '0',
});

function command(
  name: string,
  userId: string,
  options: InteractionCommand['options'] = [],
): Envelope<InteractionCommand> {
  const data = { ...base(userId), commandName: name, options };
  return envelope({
    id: data.interactionId,
    type: 'interaction.command',
    guildId: GUILD,
    occurredAt: new Date(),
    source: 'gateway',
    data,
  });
}

function button(customId: string, userId: string): Envelope<InteractionComponent> {
  const data = { ...base(userId), customId, componentType: 2, values: [], messageId: nextSnowflake() };
  return envelope({
    id: data.interactionId,
    type: 'interaction.component',
    guildId: GUILD,
    occurredAt: new Date(),
    source: 'gateway',
    data,
  });
}

describe('xp service: /profile, /leaderboard and command registration', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env({ XP_LEADERBOARD_PAGE_SIZE: '10' }));
    // 25 members; member i earns (i + 1) awards of 10 XP, one a minute.
    const specs: MessageSpec[] = [];
    for (let i = 0; i < 25; i++)
      for (let k = 0; k <= i; k++) specs.push({ guildId: GUILD, userId: user(i), at: T0 + k * 60_000 });
    await t.publishMessages(specs.map(messageCreated));
    await waitFor('messages applied', async () => (await t.applied('xp-messages')) >= specs.length);
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  const actionFor = (id: string, kind: string) =>
    waitFor(
      `${kind} for ${id}`,
      async () =>
        (await t.readStream('ACTIONS')).find(
          (m) => m.envelope.causationId === id && m.envelope.type === kind,
        ),
      5000,
    );

  it('/profile is answered within 3 s with level, XP to next level, rank, messages and position', async () => {
    const cmd = command('profile', user(24));
    const started = Date.now();
    await t.publisher.publish(commandSubject(GUILD, 'profile'), cmd);
    const answer = await actionFor(cmd.id, 'interaction.reply');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.subject).toBe(`actions.${GUILD}.interaction.reply`);
    const data = answer.envelope.data as {
      interactionId: string;
      token: string;
      embeds: Array<{ fields: Array<{ name: string; value: string }>; description: string }>;
    };
    expect(data).toMatchObject({
      interactionId: cmd.data.interactionId,
      token: cmd.data.token,
      applicationId: APP,
    });
    const fields = Object.fromEntries(data.embeds[0].fields.map((f) => [f.name, f.value]));
    // 25 awards = 250 XP = level 1 (100 … 399), 150 XP to level 2.
    expect(fields).toMatchObject({
      Level: '**1**',
      'Total XP': '250',
      Position: '#1 of 25',
      Messages: '25',
      Rank: 'Newcomer',
    });
    expect(fields['Progress to level 2']).toContain('150 XP to go');
  });

  it('/profile with a user option shows that member', async () => {
    const cmd = command('profile', user(0), [{ name: 'user', type: 6, value: user(10) }]);
    await t.publisher.publish(commandSubject(GUILD, 'profile'), cmd);
    const answer = await actionFor(cmd.id, 'interaction.reply');
    const embed = (
      answer.envelope.data as {
        embeds: Array<{ description: string; fields: Array<{ name: string; value: string }> }>;
      }
    ).embeds[0];
    expect(embed.description).toContain(`<@${user(10)}>`);
    expect(embed.fields.find((f) => f.name === 'Position')!.value).toBe('#15 of 25');
  });

  it('/leaderboard answers with page 1 and buttons that page through it', async () => {
    const cmd = command('leaderboard', user(0));
    await t.publisher.publish(commandSubject(GUILD, 'leaderboard'), cmd);
    const answer = await actionFor(cmd.id, 'interaction.reply');
    type Page = {
      embeds: Array<{ description: string; footer: { text: string } }>;
      components: Array<{ components: Array<{ custom_id: string; disabled: boolean }> }>;
    };
    const page1 = answer.envelope.data as Page;
    expect(page1.embeds[0].description.split('\n')[0]).toContain(`<@${user(24)}>`);
    expect(page1.embeds[0].footer.text).toContain('Page 1 of 3');
    const [prev, next] = page1.components[0].components;
    expect(prev).toMatchObject({ custom_id: 'xp:lb:0', disabled: true });
    expect(next).toMatchObject({ custom_id: 'xp:lb:1', disabled: false });

    const click = button('xp:lb:2', user(0));
    await t.publisher.publish(componentSubject(GUILD, 'xp'), click);
    const updated = await actionFor(click.id, 'interaction.update');
    const page3 = updated.envelope.data as Page;
    expect(page3.embeds[0].description.split('\n')).toHaveLength(5);
    expect(page3.embeds[0].description).toContain(`**21.** <@${user(4)}>`);
    expect(page3.components[0].components[1]).toMatchObject({ disabled: true });
  });

  it('guild.synced registers our commands with the gateway', async () => {
    const G = '110000000000000009';
    const synced = envelope<GuildSynced>({
      id: `guild-synced-${nextSnowflake()}`,
      type: 'guild.synced',
      guildId: G,
      occurredAt: new Date(),
      source: 'gateway',
      data: {
        name: 'Test Guild',
        ownerId: user(0),
        botUserId: APP,
        botRoleIds: [],
        roles: [],
        memberCount: 3,
      },
    });
    await t.publisher.publish(discordSubject(G, 'guild.synced'), synced);
    const reg = await actionFor(synced.id, 'commands.register');
    expect(reg.subject).toBe(`actions.${G}.commands.register`);
    expect(reg.envelope.data).toMatchObject({
      owner: 'xp',
      commands: [{ name: 'profile' }, { name: 'leaderboard' }],
    });
    // The public pages learn the guild's name from the same event.
    expect(await getJson(`http://127.0.0.1:${xp.port}/guilds/${G}`)).toEqual({
      status: 200,
      body: { guildId: G, name: 'Test Guild' },
    });
  });

  it('a guild that never synced is a clear 404', async () => {
    const res = await getJson(`http://127.0.0.1:${xp.port}/guilds/110000000000000077`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('guild 110000000000000077 is not known to Guildhall');
  });
});
