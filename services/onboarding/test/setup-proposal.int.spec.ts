import { DEFAULT_RULES } from '../src/domain/default-rules';
import {
  click,
  command,
  guildSynced,
  memberJoined,
  OnboardingTestEnv,
  snowflake,
} from './onboarding-test-env';

const GUILD = '100000000000000501';
const BOT_ROLE = {
  id: '810000000000000501',
  name: 'Guildhall',
  position: 10,
  permissions: String(0x10000000),
  managed: true,
  color: 0,
};
const PRE_MEMBER = {
  id: '310000000000000501',
  name: 'Pre-Member',
  position: 2,
  permissions: '0',
  managed: false,
  color: 0x95a5a6,
};
const RULES = '200000000000000501';
const GENERAL = '200000000000000502';
const INTRO = '200000000000000503';
const VOICE = '200000000000000505';
const channels = [
  { id: GENERAL, name: 'general', type: 0, position: 0 },
  { id: RULES, name: '📜-rules', type: 0, position: 1 },
  { id: VOICE, name: 'Lounge', type: 2, position: 2 },
];
const MOD = '500000000000000501';
const MANAGE_GUILD = String(0x20);

jest.setTimeout(60_000);

describe('onboarding: the proposed setup and its confirmation', () => {
  const t = new OnboardingTestEnv();
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());
  const mod = () => t.token(GUILD, 'moderator', MOD);
  const facts = async (type: string) =>
    (
      await t.db.query(
        `SELECT data FROM "${t.schema}".onboarding_events WHERE guild_id = $1 AND type = $2 ORDER BY seq`,
        [GUILD, type],
      )
    ).rows;

  it('a newly learnt guild gets a proposal, and nothing is created, posted or given before a moderator confirms', async () => {
    await t.deliver(
      guildSynced(GUILD, { botRoleIds: [BOT_ROLE.id], roles: [BOT_ROLE, PRE_MEMBER], channels }),
    );
    const setup = await t.http('GET', `/guilds/${GUILD}/setup`, mod());
    expect(setup.status).toBe(200);
    expect(setup.body.confirmed).toBe(false);
    expect(setup.body.settings).toMatchObject({
      rulesChannelId: null,
      preMemberRoleId: null,
      memberRoleId: null,
      reagreeOnNewVersion: false,
    });
    expect(setup.body.proposal).toEqual({
      rulesChannelId: RULES,
      welcomeChannelId: RULES,
      roles: {
        preMember: { action: 'adopt', roleId: PRE_MEMBER.id, name: 'Pre-Member' },
        member: { action: 'create', name: 'Member' },
      },
      willDo: [
        'use the existing role Pre-Member for members who have not agreed yet',
        'create the role Member (no permissions) for members who agreed',
        'post the rules message with View Rules and I Agree in #📜-rules',
        'greet new members in #📜-rules',
      ],
      problems: [],
    });
    expect(await facts('setup.proposed')).toHaveLength(1);

    await t.deliver(memberJoined(GUILD, snowflake()));
    expect(await t.outbox({ type: 'role.create' })).toEqual([]);
    expect(await t.outbox({ type: 'role.add' })).toEqual([]);
    expect(await t.outbox({ type: 'message.send' })).toEqual([]);
  });

  it('the proposal follows the guild until confirmed; the same guild again records nothing new', async () => {
    await t.deliver(
      guildSynced(GUILD, { botRoleIds: [BOT_ROLE.id], roles: [BOT_ROLE, PRE_MEMBER], channels }),
    );
    expect(await facts('setup.proposed')).toHaveLength(1);
    await t.deliver(
      guildSynced(GUILD, {
        botRoleIds: [BOT_ROLE.id],
        roles: [BOT_ROLE, PRE_MEMBER],
        channels: [...channels, { id: INTRO, name: 'introductions', type: 0, position: 3 }],
      }),
    );
    const proposed = await facts('setup.proposed');
    expect(proposed).toHaveLength(2);
    expect(proposed[1].data.proposal).toMatchObject({ rulesChannelId: RULES, welcomeChannelId: INTRO });
  });

  it('/reconnect before setup answers what is missing with a link to the setup page, and posts nothing', async () => {
    const c = command(GUILD, 'reconnect', { userId: MOD, permissions: MANAGE_GUILD });
    await t.deliver(c);
    const [reply] = (await t.outbox({ type: 'interaction.reply' })).filter(
      (r) => r.envelope.data.interactionId === c.data.interactionId,
    );
    expect(reply.envelope.data).toMatchObject({ ephemeral: true });
    const text = reply.envelope.data.content as string;
    expect(text).toContain('onboarding is not set up yet');
    expect(text).toContain('no rules channel is configured');
    expect(text).toContain('the Member role is not configured');
    expect(text).toContain(`http://localhost:3000/${GUILD}/mod/onboarding`);
    expect(await t.outbox({ type: 'message.send' })).toEqual([]);
  });

  it('/setup shows the proposal with a Confirm button to moderators and refuses everyone else', async () => {
    const asMod = command(GUILD, 'setup', { userId: MOD, permissions: MANAGE_GUILD });
    const asMember = command(GUILD, 'setup', { userId: snowflake() });
    await t.deliver(asMod, asMember);
    const replies = await t.outbox({ type: 'interaction.reply' });
    const shown = replies.find((r) => r.envelope.data.interactionId === asMod.data.interactionId)!.envelope
      .data;
    expect(shown).toMatchObject({
      ephemeral: true,
      content: expect.stringContaining('Proposed onboarding setup'),
    });
    expect(shown.content).toContain(`Rules channel: <#${RULES}>`);
    expect(shown.content).toContain('create the role Member (no permissions)');
    expect(JSON.stringify(shown.components)).toContain('"custom_id":"onboarding:setup-confirm:proposed"');
    const refused = replies.find((r) => r.envelope.data.interactionId === asMember.data.interactionId)!
      .envelope.data;
    expect(refused).toMatchObject({ ephemeral: true, content: expect.stringContaining('Only moderators') });
    expect(refused.components).toBeUndefined();
  });

  it('confirming is for moderators of the guild and rejects a channel that is not a text channel of it', async () => {
    expect(
      (await t.http('POST', `/guilds/${GUILD}/setup/confirm`, t.token(GUILD, 'member', MOD), {})).status,
    ).toBe(403);
    const voice = await t.http('POST', `/guilds/${GUILD}/setup/confirm`, mod(), { rulesChannelId: VOICE });
    expect(voice.status).toBe(400);
    expect(voice.body.message).toContain('#Lounge is not a text channel');
    const elsewhere = await t.http('POST', `/guilds/${GUILD}/setup/confirm`, mod(), {
      rulesChannelId: '200000000000000999',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toEqual([
      'rulesChannelId: channel 200000000000000999 is not a channel of this server',
    ]);
    const unseen = await t.http(
      'POST',
      `/guilds/100000000000000599/setup/confirm`,
      t.token('100000000000000599', 'moderator', MOD),
      {},
    );
    expect(unseen.status).toBe(409);
    expect(await t.outbox({ type: 'role.create' })).toEqual([]);
  });

  it('confirming makes the proposal live: the existing role adopted, the missing one created without permissions, the rules posted', async () => {
    const res = await t.http('POST', `/guilds/${GUILD}/setup/confirm`, mod(), {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmed: true, proposal: null });
    expect(res.body.settings).toMatchObject({
      rulesChannelId: RULES,
      welcomeChannelId: INTRO,
      preMemberRoleId: PRE_MEMBER.id,
      memberRoleId: null,
    });
    expect(res.body.roles.member).toMatchObject({ status: 'creating', name: 'Member' });
    const creates = await t.outbox({ type: 'role.create' });
    expect(creates.map((c) => c.envelope.data)).toEqual([
      { name: 'Member', permissions: '0', reason: 'Guildhall onboarding' },
    ]);
    const posts = await t.outbox({ type: 'message.send' });
    expect(posts).toHaveLength(1);
    expect(posts[0].envelope.data.channelId).toBe(RULES);
    expect(JSON.stringify(posts[0].envelope.data.components)).toContain('onboarding:agree');
    // Confirmed: a later sync no longer proposes.
    await t.deliver(
      guildSynced(GUILD, {
        botRoleIds: [BOT_ROLE.id],
        roles: [BOT_ROLE, PRE_MEMBER],
        channels: channels.slice(0, 2),
      }),
    );
    expect(await facts('setup.proposed')).toHaveLength(2);
  });

  it('/setup on a live setup shows it; its button with another channel moves the rules message there', async () => {
    const c = command(GUILD, 'setup', { userId: MOD, permissions: MANAGE_GUILD });
    await t.deliver(c);
    const shown = (await t.outbox({ type: 'interaction.reply' })).find(
      (r) => r.envelope.data.interactionId === c.data.interactionId,
    )!.envelope.data;
    expect(shown.content).toContain('**Onboarding setup** (live)');
    expect(shown.components).toBeUndefined();

    const withOption = command(GUILD, 'setup', { userId: MOD, permissions: MANAGE_GUILD });
    withOption.data.options = [{ name: 'rules_channel', type: 7, value: GENERAL }];
    const withVoice = command(GUILD, 'setup', { userId: MOD, permissions: MANAGE_GUILD });
    withVoice.data.options = [{ name: 'rules_channel', type: 7, value: VOICE }];
    await t.deliver(withOption, withVoice);
    const answers = await t.outbox({ type: 'interaction.reply' });
    const offered = answers.find((r) => r.envelope.data.interactionId === withOption.data.interactionId)!
      .envelope.data;
    expect(offered.content).toContain(`→ <#${GENERAL}> when you confirm`);
    expect(JSON.stringify(offered.components)).toContain(`"custom_id":"onboarding:setup-confirm:${GENERAL}"`);
    const voice = answers.find((r) => r.envelope.data.interactionId === withVoice.data.interactionId)!
      .envelope.data;
    expect(voice.content).toContain(`rules channel ${VOICE} is not a channel of this guild`); // the last sync no longer had it
    expect(voice.components).toBeUndefined();

    const forged = click(GUILD, 'onboarding:setup-confirm:proposed', { userId: snowflake() });
    const moved = click(GUILD, `onboarding:setup-confirm:${GENERAL}`, {
      userId: MOD,
      permissions: MANAGE_GUILD,
    });
    await t.deliver(forged, moved);
    const replies = await t.outbox({ type: 'interaction.reply' });
    expect(
      replies.find((r) => r.envelope.data.interactionId === forged.data.interactionId)!.envelope.data.content,
    ).toContain('Only moderators');
    expect(
      replies.find((r) => r.envelope.data.interactionId === moved.data.interactionId)!.envelope.data.content,
    ).toContain(`Setup confirmed`);
    const posts = await t.outbox({ type: 'message.send' });
    expect(posts.map((p) => p.envelope.data.channelId)).toEqual([RULES, GENERAL]);
  });

  it('an existing "Member" role with extra permissions is never adopted: confirming creates a new one without permissions', async () => {
    const G = '100000000000000502';
    const VETTED = {
      id: '310000000000000502',
      name: 'member',
      position: 3,
      permissions: String((1n << 1n) | (1n << 17n)),
      managed: false,
      color: 0,
    };
    await t.deliver(
      guildSynced(G, {
        botRoleIds: [BOT_ROLE.id],
        roles: [BOT_ROLE, VETTED],
        channels: [{ id: '200000000000000510', name: 'rules', type: 0, position: 0 }],
      }),
    );
    const asMod = t.token(G, 'moderator', MOD);
    const proposed = (await t.http('GET', `/guilds/${G}/setup`, asMod)).body.proposal;
    expect(proposed.roles.member).toEqual({ action: 'create', name: 'Member' });
    expect(proposed.problems).toContainEqual(
      'the existing role member grants dangerous permissions (Kick Members, Mention Everyone), so onboarding will not use it',
    );
    const confirmed = await t.http('POST', `/guilds/${G}/setup/confirm`, asMod, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.settings.memberRoleId).toBeNull();
    expect((await t.outbox({ guildId: G, type: 'role.create' })).map((c) => c.envelope.data)).toContainEqual({
      name: 'Member',
      permissions: '0',
      reason: 'Guildhall onboarding',
    });
  });
});

describe('onboarding: re-agreement on a new rules version', () => {
  const t = new OnboardingTestEnv();
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());
  const G = '100000000000000601';
  const PRE = '310000000000000601';
  const MEMBER = '310000000000000602';
  const mod = () => t.token(G, 'moderator', MOD);
  const rules = (n: number) => ({
    rules: DEFAULT_RULES.slice(0, n).map(({ id, title, text }) => ({ id, title, text })),
    requiresReagreement: false,
  });
  const status = async (userId: string) =>
    (await t.http('GET', `/guilds/${G}/members/${userId}/status`, t.token(G, 'member', userId))).body;

  it('off by default: a new version keeps everyone a Member', async () => {
    await t.syncDirectory(G, { roleIds: [PRE, MEMBER] });
    expect(
      (await t.http('PUT', `/guilds/${G}/setup`, mod(), { preMemberRoleId: PRE, memberRoleId: MEMBER }))
        .status,
    ).toBe(200);
    const ann = snowflake();
    await t.deliver(memberJoined(G, ann));
    await t.deliver(click(G, 'onboarding:agree', { userId: ann }));
    expect((await t.http('PUT', `/guilds/${G}/rules`, mod(), rules(8))).status).toBe(200);
    expect(await t.outbox({ type: 'role.remove' })).toHaveLength(1); // only Ann's own agreement swap
    expect((await status(ann)).status).toBe('agreed');
  });

  it('when on, members who agreed to an older version go back to Pre-Member and agree again', async () => {
    const setup = await t.http('PUT', `/guilds/${G}/setup`, mod(), { reagreeOnNewVersion: true });
    expect(setup.body.settings.reagreeOnNewVersion).toBe(true);
    const [bea, cal, dan] = [snowflake(), snowflake(), snowflake()];
    await t.deliver(memberJoined(G, bea), memberJoined(G, cal), memberJoined(G, dan));
    await t.deliver(
      click(G, 'onboarding:agree', { userId: bea }),
      click(G, 'onboarding:agree', { userId: cal }),
    );
    const before = (await t.outbox()).length;

    const published = await t.http('PUT', `/guilds/${G}/rules`, mod(), rules(7));
    expect(published.status).toBe(200);
    expect(published.body.requiresReagreement).toBe(true);
    const moves = (await t.outbox()).slice(before).filter((m) => m.envelope.type.startsWith('role.'));
    const of = (userId: string) =>
      moves
        .filter((m) => m.envelope.data.userId === userId)
        .map((m) => [m.envelope.type, m.envelope.data.roleId]);
    expect(of(bea)).toEqual([
      ['role.remove', MEMBER],
      ['role.add', PRE],
    ]);
    expect(of(cal)).toEqual([
      ['role.remove', MEMBER],
      ['role.add', PRE],
    ]);
    expect(of(dan)).toEqual([]); // never agreed: already a Pre-Member
    expect((await status(bea)).status).toBe('needs_agreement');

    const again = (await t.outbox()).length;
    await t.deliver(click(G, 'onboarding:agree', { userId: bea }));
    const swapped = (await t.outbox())
      .slice(again)
      .filter((m) => m.envelope.type.startsWith('role.'))
      .map((m) => [m.envelope.type, m.envelope.data.roleId]);
    expect(swapped).toEqual([
      ['role.remove', PRE],
      ['role.add', MEMBER],
    ]);
    expect((await status(bea)).status).toBe('agreed');
  });
});
