import {
  actionResult,
  click,
  memberJoined,
  memberLeft,
  OnboardingTestEnv,
  roleUpserted,
  snowflake,
  waitFor,
} from './onboarding-test-env';

const GUILD = '100000000000000101';
const RULES_CHANNEL = '200000000000000101';
const PRE_MEMBER = '300000000000000101';
const MEMBER = '300000000000000102';
const MOD = '500000000000000001';
const MANAGE_ROLES = String(1n << 28n);
const KICK_MEMBERS = String(1n << 1n);

jest.setTimeout(60_000);

describe('onboarding: join, rules buttons, agreement', () => {
  const t = new OnboardingTestEnv();
  beforeAll(async () => {
    await t.start();
    await t.syncDirectory(GUILD, { roleIds: [PRE_MEMBER, MEMBER], channelIds: [RULES_CHANNEL] });
    const res = await t.http('PUT', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD), {
      rulesChannelId: RULES_CHANNEL,
      preMemberRoleId: PRE_MEMBER,
      memberRoleId: MEMBER,
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.cleanup());

  it('setup posts the persistent rules message with View Rules and I Agree, and it reaches ACTIONS', async () => {
    const sent = await t.outbox({ type: 'message.send' });
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe(`actions.${GUILD}.message.send`);
    expect(sent[0].envelope.data.channelId).toBe(RULES_CHANNEL);
    const buttons = (
      sent[0].envelope.data.components as Array<{ components: Array<{ label: string; custom_id: string }> }>
    )[0].components;
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['View Rules', 'onboarding:view'],
      ['I Agree', 'onboarding:agree'],
    ]);
    const onStream = await waitFor('rules message on ACTIONS', async () =>
      (await t.readStream('ACTIONS')).find((m) => m.envelope.id === sent[0].envelope.id),
    );
    expect(onStream.subject).toBe(`actions.${GUILD}.message.send`);
  });

  it('a member who joins gets Pre-Member and a greeting in the rules channel', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user));
    const adds = await t.outbox({ type: 'role.add' });
    expect(adds.map((a) => a.envelope.data)).toEqual([
      expect.objectContaining({ userId: user, roleId: PRE_MEMBER }),
    ]);
    const greetings = (await t.outbox({ type: 'message.send' })).filter((m) =>
      String(m.envelope.data.content).includes(`<@${user}>`),
    );
    expect(greetings).toHaveLength(1);
    expect(greetings[0].envelope.data.channelId).toBe(RULES_CHANNEL);
    expect(greetings[0].envelope.data.content).toContain(`<#${RULES_CHANNEL}>`);
    const status = await t.http(
      'GET',
      `/guilds/${GUILD}/members/${user}/status`,
      t.token(GUILD, 'member', user),
    );
    expect(status.body).toMatchObject({ status: 'needs_agreement', needsAgreement: true, rulesVersion: 1 });
  });

  it('View Rules answers ephemerally with all ten rules', async () => {
    const user = snowflake();
    const c = click(GUILD, 'onboarding:view', { userId: user });
    await t.deliver(c);
    const replies = (await t.outbox({ type: 'interaction.reply' })).filter(
      (r) => r.envelope.data.interactionId === c.data.interactionId,
    );
    expect(replies).toHaveLength(1);
    expect(replies[0].envelope.data.ephemeral).toBe(true);
    const fields = (replies[0].envelope.data.embeds as Array<{ fields: Array<{ name: string }> }>)[0].fields;
    expect(fields).toHaveLength(10);
    expect(fields[0].name).toBe('1. Be respectful');
  });

  it('I Agree records the agreement, swaps Pre-Member for Member and confirms; a double click or a replay changes nothing', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user));
    const agree = click(GUILD, 'onboarding:agree', { userId: user });
    await t.deliver(agree);

    const forUser = async (type: string) =>
      (await t.outbox({ type })).filter((m) => m.envelope.data.userId === user);
    expect((await forUser('role.remove')).map((m) => m.envelope.data.roleId)).toEqual([PRE_MEMBER]);
    expect((await forUser('role.add')).map((m) => m.envelope.data.roleId)).toEqual([PRE_MEMBER, MEMBER]);
    const agreed = await forUser('onboarding.rules_agreed');
    expect(agreed).toHaveLength(1);
    expect(agreed[0].subject).toBe(`onboarding.${GUILD}.rules_agreed`);
    expect(agreed[0].envelope.data).toMatchObject({
      userId: user,
      rulesVersion: 1,
      agreedAt: agree.occurredAt,
    });
    const confirm = (await t.outbox({ type: 'interaction.reply' })).filter(
      (r) => r.envelope.data.interactionId === agree.data.interactionId,
    );
    expect(confirm).toHaveLength(1);
    expect(confirm[0].envelope.data).toMatchObject({
      ephemeral: true,
      content: expect.stringContaining('Thanks for agreeing'),
    });

    // The same envelope again, as if republished after the stream's dedupe window: the inbox drops it.
    const before = (await t.outbox()).length;
    await t.republish(agree);
    // A second click: a new interaction, answered, but no second agreement or role change.
    const again = click(GUILD, 'onboarding:agree', { userId: user });
    await t.deliver(again);
    const after = await t.outbox();
    expect(after.slice(before).map((m) => m.envelope.type)).toEqual(['interaction.reply']);
    expect(after[after.length - 1].envelope.data).toMatchObject({
      interactionId: again.data.interactionId,
      content: expect.stringContaining('already agreed'),
    });
    expect(await forUser('onboarding.rules_agreed')).toHaveLength(1);

    const status = await t.http(
      'GET',
      `/guilds/${GUILD}/members/${user}/status`,
      t.token(GUILD, 'member', user),
    );
    expect(status.body).toMatchObject({ status: 'agreed', agreedVersion: 1, needsAgreement: false });
  });

  it('the same join reported twice onboards once', async () => {
    const user = snowflake();
    const joinedAt = new Date();
    await t.deliver(memberJoined(GUILD, user, joinedAt));
    const first = await t.outbox({ type: 'role.add' });
    await t.deliver({ ...memberJoined(GUILD, user, joinedAt), id: snowflake() });
    expect(await t.outbox({ type: 'role.add' })).toHaveLength(first.length);
  });

  it('a member who agreed, left and came back keeps the agreement and gets Member back (guild default)', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user, new Date(Date.now() - 60_000)));
    await t.deliver(click(GUILD, 'onboarding:agree', { userId: user }));
    await t.deliver(memberLeft(GUILD, user));
    await t.deliver(memberJoined(GUILD, user));
    const adds = (await t.outbox({ type: 'role.add' }))
      .filter((m) => m.envelope.data.userId === user)
      .map((m) => m.envelope.data.roleId);
    expect(adds).toEqual([PRE_MEMBER, MEMBER, MEMBER]);
    const status = await t.http(
      'GET',
      `/guilds/${GUILD}/members/${user}/status`,
      t.token(GUILD, 'moderator', MOD),
    );
    expect(status.body).toMatchObject({ status: 'agreed', agreedVersion: 1 });
  });

  it('when the guild restarts returning members, a rejoin needs agreement again', async () => {
    const GUILD2 = '100000000000000102';
    const mod = t.token(GUILD2, 'moderator', MOD);
    await t.syncDirectory(GUILD2, { roleIds: [PRE_MEMBER, MEMBER] });
    expect(
      (
        await t.http('PUT', `/guilds/${GUILD2}/setup`, mod, {
          preMemberRoleId: PRE_MEMBER,
          memberRoleId: MEMBER,
          restartOnRejoin: true,
        })
      ).status,
    ).toBe(200);
    const user = snowflake();
    await t.deliver(memberJoined(GUILD2, user, new Date(Date.now() - 60_000)));
    await t.deliver(click(GUILD2, 'onboarding:agree', { userId: user }));
    await t.deliver(memberLeft(GUILD2, user));
    await t.deliver(memberJoined(GUILD2, user));
    const adds = (await t.outbox({ guildId: GUILD2, type: 'role.add' })).map((m) => m.envelope.data.roleId);
    expect(adds).toEqual([PRE_MEMBER, MEMBER, PRE_MEMBER]);
    const status = await t.http('GET', `/guilds/${GUILD2}/members/${user}/status`, mod);
    expect(status.body).toMatchObject({ status: 'needs_agreement', agreedVersion: null });
  });

  it('a role.add the bot is not allowed to make shows in the setup status', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user));
    const [add] = (await t.outbox({ type: 'role.add' })).filter((m) => m.envelope.data.userId === user);
    await t.deliver(
      actionResult(GUILD, false, {
        actionId: add.envelope.id,
        kind: 'role.add',
        httpStatus: 403,
        error: 'Missing Permissions (50013)',
      }),
    );
    const setup = await t.http('GET', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD));
    expect(setup.body.lastFailure).toMatchObject({ kind: 'role.add', httpStatus: 403 });
    expect(setup.body.problems).toContainEqual(
      expect.stringMatching(/last role.add failed .*lacks permission/),
    );
  });

  /** The guild's Member role (position 2, as syncDirectory placed it) with these permissions. */
  const memberRoleHas = (permissions: string) =>
    t.deliver(
      roleUpserted(GUILD, {
        id: MEMBER,
        name: 'Member',
        position: 2,
        permissions,
        managed: false,
        color: 0,
      }),
    );
  const grantsOf = async (user: string) =>
    (await t.outbox({ type: 'role.add' }))
      .filter((m) => m.envelope.data.userId === user)
      .map((m) => m.envelope.data.roleId);

  it('I Agree does not hand out a Member role that was given Manage Roles: the member stays Pre-Member and moderators see why', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user));
    await memberRoleHas(MANAGE_ROLES);
    try {
      const agree = click(GUILD, 'onboarding:agree', { userId: user });
      await t.deliver(agree);
      expect(await grantsOf(user)).toEqual([PRE_MEMBER]);
      expect(
        (await t.outbox({ type: 'role.remove' })).filter((m) => m.envelope.data.userId === user),
      ).toEqual([]);
      const [reply] = (await t.outbox({ type: 'interaction.reply' })).filter(
        (r) => r.envelope.data.interactionId === agree.data.interactionId,
      );
      expect(reply.envelope.data).toMatchObject({
        ephemeral: true,
        content: expect.stringContaining('moderator'),
      });
      const status = await t.http(
        'GET',
        `/guilds/${GUILD}/members/${user}/status`,
        t.token(GUILD, 'member', user),
      );
      expect(status.body).toMatchObject({ status: 'needs_agreement' });
      const setup = await t.http('GET', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD));
      expect(setup.body.problems).toContainEqual(
        expect.stringMatching(/Member grants dangerous permissions \(Manage Roles\)/),
      );
    } finally {
      await memberRoleHas('0');
    }
  });

  it('a returning member is not given back a Member role that now lets them kick people', async () => {
    const user = snowflake();
    await t.deliver(memberJoined(GUILD, user, new Date(Date.now() - 60_000)));
    await t.deliver(click(GUILD, 'onboarding:agree', { userId: user }));
    await t.deliver(memberLeft(GUILD, user));
    await memberRoleHas(KICK_MEMBERS);
    try {
      await t.deliver(memberJoined(GUILD, user));
      expect(await grantsOf(user)).toEqual([PRE_MEMBER, MEMBER]);
      const setup = await t.http('GET', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD));
      expect(setup.body.lastFailure).toMatchObject({
        kind: 'role.add',
        error: expect.stringMatching(/Member grants dangerous permissions \(Kick Members\)/),
      });
    } finally {
      await memberRoleHas('0');
    }
  });

  it('a moderator cannot make a role with extra permissions the Member role: 400 naming the field', async () => {
    const STAFF = '300000000000000109';
    await t.deliver(
      roleUpserted(GUILD, {
        id: STAFF,
        name: 'Staff',
        position: 3,
        permissions: MANAGE_ROLES,
        managed: false,
        color: 0,
      }),
    );
    const res = await t.http('PUT', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD), {
      memberRoleId: STAFF,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['memberRoleId: Staff grants dangerous permissions (Manage Roles)']);
    const setup = await t.http('GET', `/guilds/${GUILD}/setup`, t.token(GUILD, 'moderator', MOD));
    expect(setup.body.settings.memberRoleId).toBe(MEMBER);
  });
});
