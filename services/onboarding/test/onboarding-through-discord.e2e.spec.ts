import 'reflect-metadata';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { startService, type RunningService } from '@guildhall/harness';
import { startOnboardingService } from '../src/app';
import { OnboardingTestEnv, waitFor } from './onboarding-test-env';

jest.setTimeout(120_000);

const MANAGE_GUILD = String(1 << 5);

/** Simulator + gateway (unmodified discord.js) + onboarding in one process. */
describe('onboarding through the gateway and the Discord simulator', () => {
  const t = new OnboardingTestEnv();
  let sim: DiscordSimulator;
  let gateway: RunningService;
  let guild: GuildView;
  let rulesChannel: string;
  let generalChannel: string;
  let preMember: string;
  let member: string;
  let rulesMessageId: string;

  const roleCalls = (method: 'PUT' | 'DELETE', userId: string, roleId: string) =>
    sim.calls({ method, path: `/guilds/${guild.id}/members/${userId}/roles/${roleId}` });
  const rolesOf = (userId: string) => sim.getMember(guild.id, userId).roles;
  const agreements = async (userId: string): Promise<number> =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM "${t.schema}".onboarding_events WHERE type = 'rules.agreed' AND user_id = $1`,
        [userId],
      )
    ).rows[0].n;
  const click = (userId: string, customId: string, waitMs?: number) =>
    sim.clickComponent({
      guildId: guild.id,
      channelId: rulesChannel,
      userId,
      messageId: rulesMessageId,
      customId,
      componentType: 2,
      waitMs,
    });
  const join = (username: string) => sim.addMember(guild.id, { username }).user!.id;

  beforeAll(async () => {
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guild = sim.createGuild({
      name: 'Onboarding E2E',
      channels: ['rules', 'general'],
      roles: [{ name: 'Pre-Member' }, { name: 'Member' }],
    });
    [rulesChannel, generalChannel] = guild.channels.map((c) => c.id);
    preMember = guild.roles.find((r) => r.name === 'Pre-Member')!.id;
    member = guild.roles.find((r) => r.name === 'Member')!.id;
    await t.start();
    gateway = await startService(
      'gateway',
      t.env({ DB_SCHEMA: `${t.schema}_gw`, DISCORD_TOKEN: sim.botToken, DISCORD_API_URL: sim.apiUrl }),
    );
    // The service learns the guild from the gateway's guild.synced, then takes its setup.
    await waitFor(
      'the guild known',
      async () =>
        (await t.http('GET', `/guilds/${guild.id}/setup`, t.token(guild.id, 'moderator', guild.ownerId))).body
          ?.guildName,
    );
    const res = await t.http(
      'PUT',
      `/guilds/${guild.id}/setup`,
      t.token(guild.id, 'moderator', guild.ownerId),
      {
        rulesChannelId: rulesChannel,
        preMemberRoleId: preMember,
        memberRoleId: member,
      },
    );
    expect(res.status).toBe(200);
    const posted = await waitFor('the rules message in Discord', async () =>
      sim
        .channelMessages(guild.id, rulesChannel)
        .find((m) => JSON.stringify(m.components).includes('onboarding:agree')),
    );
    rulesMessageId = posted.id;
    await waitFor('/rules registered', async () =>
      sim.calls({ method: 'PUT' }).some((c) => c.path.includes('/commands')),
    );
  });
  afterAll(async () => {
    await t.service?.stop().catch(() => undefined);
    await gateway?.stop();
    await t.db?.query(`DROP SCHEMA IF EXISTS "${t.schema}_gw" CASCADE`).catch(() => undefined);
    await t.cleanup();
    await sim?.stop();
  });

  it('a join leads to the Pre-Member role PUT and a greeting in the rules channel', async () => {
    const ada = join('ada');
    await waitFor('Pre-Member held', async () => rolesOf(ada).includes(preMember));
    expect(roleCalls('PUT', ada, preMember)).toHaveLength(1);
    await waitFor('the greeting', async () =>
      sim.channelMessages(guild.id, rulesChannel).some((m) => m.content.includes(`<@${ada}>`)),
    );
  });

  it('"I Agree" swaps Pre-Member for Member with one agreement, however many clicks', async () => {
    const bo = join('bo');
    await waitFor('Pre-Member held', async () => rolesOf(bo).includes(preMember));
    const first = await click(bo, 'onboarding:agree');
    expect(first.callback).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('Thanks for agreeing') },
    });
    const again = await click(bo, 'onboarding:agree');
    expect(again.callback?.data).toMatchObject({
      flags: 64,
      content: expect.stringContaining('already agreed'),
    });
    await click(bo, 'onboarding:agree');
    await waitFor(
      'Member held, Pre-Member gone',
      async () => rolesOf(bo).includes(member) && !rolesOf(bo).includes(preMember),
    );
    expect(roleCalls('DELETE', bo, preMember)).toHaveLength(1);
    expect(roleCalls('PUT', bo, member)).toHaveLength(1);
    expect(await agreements(bo)).toBe(1);
  });

  it('"View Rules" and /rules show every rule, only to the member who asked', async () => {
    const cy = join('cy');
    const view = await click(cy, 'onboarding:view');
    const byCommand = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: cy,
      name: 'rules',
    });
    for (const answer of [view, byCommand]) {
      expect(answer.callback?.data?.flags).toBe(64);
      expect((answer.callback?.data?.embeds as Array<{ fields: unknown[] }>)[0].fields).toHaveLength(10);
    }
  });

  it('/reconnect is refused for a member without Manage Server, and re-posts the rules for a moderator', async () => {
    const dee = join('dee');
    const refused = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: dee,
      name: 'reconnect',
    });
    expect(refused.callback?.data).toMatchObject({
      flags: 64,
      content: expect.stringContaining('Only moderators'),
    });
    const mods = sim.createRole(guild.id, { name: 'Mods', permissions: MANAGE_GUILD });
    const mod = sim.addMember(guild.id, { username: 'mod', roles: [mods.id] }).user!.id;
    const before = sim
      .channelMessages(guild.id, rulesChannel)
      .filter((m) => JSON.stringify(m.components).includes('onboarding:agree'));
    expect(before).toHaveLength(1);
    const done = await sim.runCommand({
      guildId: guild.id,
      channelId: generalChannel,
      userId: mod,
      name: 'reconnect',
    });
    expect(done.callback?.data).toMatchObject({ flags: 64, content: expect.stringContaining('re-posted') });
    // The new rules message replaces the old one: the channel keeps exactly one.
    const after = await waitFor('the rules message replaced', async () => {
      const now = sim
        .channelMessages(guild.id, rulesChannel)
        .filter((m) => JSON.stringify(m.components).includes('onboarding:agree'));
      return now.length === 1 && now[0].id !== before[0].id && now;
    });
    rulesMessageId = after[0].id;
  });

  it('a forged or stale button gets a clear ephemeral answer and changes nothing', async () => {
    const eve = join('eve');
    await waitFor('Pre-Member held', async () => rolesOf(eve).includes(preMember));
    const forged = await click(eve, 'onboarding:agree-all');
    expect(forged.callback?.data).toMatchObject({ flags: 64, content: 'This button is no longer in use.' });
    expect(roleCalls('DELETE', eve, preMember)).toHaveLength(0);
    expect(roleCalls('PUT', eve, member)).toHaveLength(0);
    expect(await agreements(eve)).toBe(0);
  });

  it('members who join and agree while onboarding is down end in the right state, each role call once', async () => {
    const early = [join('fay'), join('gus'), join('hal')];
    await waitFor('Pre-Member held', async () => early.every((u) => rolesOf(u).includes(preMember)));
    await t.service.stop();
    // While it is down: three agree (the gateway answers the interaction for it), three more join.
    // (Not waiting for the gateway's "try again" answer: the clicks are in the stream either way.)
    await Promise.all(early.map((u) => click(u, 'onboarding:agree', 200)));
    const late = [join('ivy'), join('jon'), join('kit')];
    t.service = await startOnboardingService(t.env());
    await waitFor(
      'the early members are Members',
      async () => early.every((u) => rolesOf(u).includes(member) && !rolesOf(u).includes(preMember)),
      30_000,
    );
    await waitFor(
      'the late members are Pre-Members',
      async () => late.every((u) => rolesOf(u).includes(preMember)),
      30_000,
    );
    for (const u of early) {
      expect(roleCalls('PUT', u, preMember)).toHaveLength(1);
      expect(roleCalls('DELETE', u, preMember)).toHaveLength(1);
      expect(roleCalls('PUT', u, member)).toHaveLength(1);
      expect(await agreements(u)).toBe(1);
    }
    for (const u of late) expect(roleCalls('PUT', u, preMember)).toHaveLength(1);
  });
});
