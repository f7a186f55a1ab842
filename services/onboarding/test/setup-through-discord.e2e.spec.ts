import 'reflect-metadata';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { startService, type RunningService } from '@guildhall/harness';
import { startOnboardingService } from '../src/app';
import { OnboardingTestEnv, waitFor } from './onboarding-test-env';

jest.setTimeout(120_000);

/**
 * A fresh guild, set up from Discord alone: simulator + gateway (unmodified discord.js) +
 * onboarding in one process. The guild has a "rules" channel and no onboarding roles.
 */
describe('onboarding set up from Discord with /setup', () => {
  const t = new OnboardingTestEnv();
  let sim: DiscordSimulator;
  let gateway: RunningService;
  let guild: GuildView;
  let rulesChannel: string;
  let generalChannel: string;
  const DASHBOARD = 'http://dashboard.test:3000';

  const owner = () => guild.ownerId;
  const roleNamed = (name: string) => sim.getGuild(guild.id, false).roles.find((r) => r.name === name);
  const rulesMessage = () =>
    sim
      .channelMessages(guild.id, rulesChannel)
      .find((m) => JSON.stringify(m.components).includes('onboarding:agree'));

  beforeAll(async () => {
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guild = sim.createGuild({ name: 'Fresh Guild', channels: ['general', 'rules'] });
    [generalChannel, rulesChannel] = guild.channels.map((c) => c.id);
    await t.setup();
    t.service = await startOnboardingService(t.env({ DASHBOARD_URL: `${DASHBOARD}/` }));
    gateway = await startService(
      'gateway',
      t.env({ DB_SCHEMA: `${t.schema}_gw`, DISCORD_TOKEN: sim.botToken, DISCORD_API_URL: sim.apiUrl }),
    );
    await waitFor('/setup registered', async () =>
      sim
        .calls({ method: 'PUT' })
        .some((c) => c.path.includes('/commands') && JSON.stringify(c.body).includes('"setup"')),
    );
    await waitFor(
      'the proposal',
      async () =>
        (await t.http('GET', `/guilds/${guild.id}/setup`, t.token(guild.id, 'moderator', owner()))).body
          ?.proposal,
    );
  });
  afterAll(async () => {
    await t.service?.stop().catch(() => undefined);
    await gateway?.stop();
    await t.db?.query(`DROP SCHEMA IF EXISTS "${t.schema}_gw" CASCADE`).catch(() => undefined);
    await t.cleanup();
    await sim?.stop();
  });

  it('/reconnect with nothing configured answers what is missing, with the link to the setup page', async () => {
    const answer = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: owner(),
      name: 'reconnect',
    });
    expect(answer.callback?.data?.flags).toBe(64);
    const text = answer.callback?.data?.content as string;
    expect(text).toContain('onboarding is not set up yet');
    expect(text).toContain('no rules channel is configured');
    expect(text).toContain(`${DASHBOARD}/${guild.id}/mod/onboarding`);
    expect(rulesMessage()).toBeUndefined();
  });

  it('/setup is refused for a plain member', async () => {
    const plain = sim.addMember(guild.id, { username: 'plain' }).user!.id;
    const answer = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: plain,
      name: 'setup',
    });
    expect(answer.callback?.data).toMatchObject({
      flags: 64,
      content: expect.stringContaining('Only moderators'),
    });
    expect(answer.callback?.data?.components ?? []).toEqual([]);
  });

  it('the owner sees the proposal, confirms it, and a new member joins and agrees through the button', async () => {
    const shown = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: owner(),
      name: 'setup',
    });
    expect(shown.callback?.data?.flags).toBe(64);
    const content = shown.callback?.data?.content as string;
    expect(content).toContain('Proposed onboarding setup');
    expect(content).toContain(`Rules channel: <#${rulesChannel}>`);
    expect(content).toContain('create the role Pre-Member (no permissions)');
    expect(content).toContain('create the role Member (no permissions)');
    expect(roleNamed('Pre-Member')).toBeUndefined();

    const ephemeral = shown.original!;
    const confirm = await sim.clickComponent({
      guildId: guild.id,
      channelId: generalChannel,
      userId: owner(),
      messageId: ephemeral.id,
      customId: 'onboarding:setup-confirm:proposed',
      componentType: 2,
    });
    expect(confirm.callback?.data).toMatchObject({
      flags: 64,
      content: expect.stringContaining('Setup confirmed'),
    });

    const posted = await waitFor('the rules message', async () => rulesMessage());
    await waitFor('both roles created', async () => roleNamed('Pre-Member') && roleNamed('Member'));
    for (const name of ['Pre-Member', 'Member']) expect(roleNamed(name)!.permissions).toBe('0');
    await waitFor('the setup ready', async () => {
      const { body } = await t.http(
        'GET',
        `/guilds/${guild.id}/setup`,
        t.token(guild.id, 'moderator', owner()),
      );
      if (!body?.ready) throw new Error(String(body?.problems));
      return true;
    });

    const newcomer = sim.addMember(guild.id, { username: 'newcomer' }).user!.id;
    const pre = roleNamed('Pre-Member')!.id;
    const member = roleNamed('Member')!.id;
    await waitFor('Pre-Member held', async () => sim.getMember(guild.id, newcomer).roles.includes(pre));
    const agreed = await sim.clickComponent({
      guildId: guild.id,
      channelId: rulesChannel,
      userId: newcomer,
      messageId: posted.id,
      customId: 'onboarding:agree',
      componentType: 2,
    });
    expect(agreed.callback?.data?.content).toContain('Thanks for agreeing');
    await waitFor('Member held, Pre-Member gone', async () => {
      const roles = sim.getMember(guild.id, newcomer).roles;
      return roles.includes(member) && !roles.includes(pre);
    });
  });
});
