import {
  actionResult,
  command,
  guildSynced,
  memberJoined,
  OnboardingTestEnv,
  roleUpserted,
  snowflake,
  waitFor,
} from './onboarding-test-env';

const GUILD = '100000000000000201';
const RULES_CHANNEL = '200000000000000201';
const MOD_ROLE = '300000000000000209';
const MOD = '500000000000000002';
const MANAGE_GUILD = String(0x20);

jest.setTimeout(60_000);

describe('onboarding: commands and per-guild setup', () => {
  const t = new OnboardingTestEnv();
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());
  const mod = () => t.token(GUILD, 'moderator', MOD);

  it('registers /rules, /reconnect and /setup for every guild seen on guild.synced', async () => {
    const roles = [
      {
        id: '810000000000000001',
        name: 'Guildhall',
        position: 10,
        permissions: String(0x10000000),
        managed: true,
        color: 0,
      },
      { id: MOD_ROLE, name: 'Mods', position: 3, permissions: '0', managed: false, color: 0 },
    ];
    await t.deliver(
      guildSynced(GUILD, { roles, channels: [{ id: RULES_CHANNEL, name: 'rules', type: 0, position: 0 }] }),
      guildSynced('100000000000000202'),
    );
    const registered = await t.outbox({ type: 'commands.register' });
    expect(registered.map((r) => r.envelope.guildId).sort()).toEqual([GUILD, '100000000000000202']);
    expect(registered[0].envelope.data).toEqual({
      owner: 'onboarding',
      commands: [
        expect.objectContaining({ name: 'rules' }),
        expect.objectContaining({ name: 'reconnect' }),
        expect.objectContaining({ name: 'setup' }),
      ],
    });
  });

  it('setup creates the missing roles through Discord, records the new id, and reports a missing permission', async () => {
    const res = await t.http('PUT', `/guilds/${GUILD}/setup`, mod(), {
      rulesChannelId: RULES_CHANNEL,
      modRoleId: MOD_ROLE,
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual({
      preMember: { id: null, name: 'Pre-Member', status: 'creating' },
      member: { id: null, name: 'Member', status: 'creating' },
    });
    const creates = await t.outbox({ type: 'role.create' });
    expect(creates.map((c) => c.envelope.data.name)).toEqual(['Pre-Member', 'Member']);
    // Saving again while the roles are being created does not ask twice.
    await t.http('PUT', `/guilds/${GUILD}/setup`, mod(), { welcomeText: 'Hi {user}!' });
    expect(await t.outbox({ type: 'role.create' })).toHaveLength(2);

    const [pre, member] = creates;
    await t.deliver(
      actionResult(GUILD, true, {
        actionId: pre.envelope.id,
        kind: 'role.create',
        resultId: '310000000000000001',
      }),
      actionResult(GUILD, false, {
        actionId: member.envelope.id,
        kind: 'role.create',
        httpStatus: 403,
        error: 'Missing Permissions (50013)',
        retryable: false,
      }),
    );
    // Discord announces the role it created (GUILD_ROLE_CREATE): what onboarding checks before giving it.
    await t.deliver(
      roleUpserted(GUILD, {
        id: '310000000000000001',
        name: 'Pre-Member',
        position: 1,
        permissions: '0',
        managed: false,
        color: 0,
      }),
    );
    const status = await t.http('GET', `/guilds/${GUILD}/setup`, mod());
    expect(status.body.settings.preMemberRoleId).toBe('310000000000000001');
    expect(status.body.roles.preMember).toEqual({
      id: '310000000000000001',
      name: 'Pre-Member',
      status: 'configured',
    });
    expect(status.body.roles.member).toMatchObject({
      status: 'failed',
      error: 'Missing Permissions (50013)',
    });
    expect(status.body.ready).toBe(false);
    expect(status.body.problems).toContainEqual(
      expect.stringMatching(
        /Member role could not be created: the bot lacks permission \(Missing Permissions \(50013\)\)/,
      ),
    );

    // Saving again retries the failed one only.
    await t.http('PUT', `/guilds/${GUILD}/setup`, mod(), {});
    const retried = await t.outbox({ type: 'role.create' });
    expect(retried.slice(2).map((c) => c.envelope.data.name)).toEqual(['Member']);
    await t.deliver(
      actionResult(GUILD, true, {
        actionId: retried[2].envelope.id,
        kind: 'role.create',
        resultId: '310000000000000002',
      }),
    );
    const fixed = await t.http('GET', `/guilds/${GUILD}/setup`, mod());
    expect(fixed.body.roles.member).toEqual({
      id: '310000000000000002',
      name: 'Member',
      status: 'configured',
    });
    expect(fixed.body.problems.join()).not.toContain('could not be created');
  });

  it('records the rules message id from the gateway result', async () => {
    const [post] = await t.outbox({ type: 'message.send' });
    await t.deliver(
      actionResult(GUILD, true, {
        actionId: post.envelope.id,
        kind: 'message.send',
        resultId: '720000000000000001',
      }),
    );
    const status = await t.http('GET', `/guilds/${GUILD}/setup`, mod());
    expect(status.body.rulesMessage).toMatchObject({
      status: 'posted',
      channelId: RULES_CHANNEL,
      messageId: '720000000000000001',
    });
  });

  it('/rules answers ephemerally with every rule', async () => {
    const c = command(GUILD, 'rules', { userId: snowflake() });
    await t.deliver(c);
    const [reply] = (await t.outbox({ type: 'interaction.reply' })).filter(
      (r) => r.envelope.data.interactionId === c.data.interactionId,
    );
    expect(reply.envelope.data.ephemeral).toBe(true);
    expect((reply.envelope.data.embeds as Array<{ fields: unknown[] }>)[0].fields).toHaveLength(10);
  });

  it('/reconnect by a member without Manage Server or the mod role is refused ephemerally', async () => {
    const before = (await t.outbox()).length;
    const c = command(GUILD, 'reconnect', {
      userId: snowflake(),
      permissions: String(0x400 | 0x800),
      roleIds: ['399999999999999999'],
    });
    await t.deliver(c);
    const added = (await t.outbox()).slice(before);
    expect(added.map((m) => m.envelope.type)).toEqual(['interaction.reply']);
    expect(added[0].envelope.data).toMatchObject({
      ephemeral: true,
      content: expect.stringContaining('Only moderators'),
    });
  });

  let lastPosted = '720000000000000001';
  it.each([
    ['the Manage Server permission', { permissions: MANAGE_GUILD }, '720000000000000002'],
    ['the configured mod role', { roleIds: [MOD_ROLE] }, '720000000000000003'],
  ])(
    '/reconnect by a moderator with %s re-registers commands, re-posts the rules message and removes the old one',
    async (_label, who, postedAs) => {
      const before = (await t.outbox()).length;
      const c = command(GUILD, 'reconnect', { userId: snowflake(), ...who });
      await t.deliver(c);
      const added = (await t.outbox()).slice(before);
      expect(added.map((m) => m.envelope.type)).toEqual([
        'commands.register',
        'message.send',
        'message.delete',
        'interaction.reply',
      ]);
      expect(added[0].envelope.data.owner).toBe('onboarding');
      expect(added[1].envelope.data).toMatchObject({ channelId: RULES_CHANNEL });
      expect(JSON.stringify(added[1].envelope.data.components)).toContain('onboarding:agree');
      expect(added[2].envelope.data).toMatchObject({ channelId: RULES_CHANNEL, messageId: lastPosted });
      expect(added[3].envelope.data).toMatchObject({
        ephemeral: true,
        content: expect.stringContaining('re-posted'),
      });
      await t.deliver(
        actionResult(GUILD, true, {
          actionId: added[1].envelope.id,
          kind: 'message.send',
          resultId: postedAs,
        }),
      );
      lastPosted = postedAs;
    },
  );

  it('members who join while the service is down are onboarded when it comes back', async () => {
    await t.service.stop();
    const user = snowflake();
    const join = memberJoined(GUILD, user);
    await t.publisher.publish(`discord.${GUILD}.member.joined`, join);
    await t.restart();
    await waitFor('the join applied', async () =>
      (await t.outbox({ type: 'role.add' })).find(
        (m) => m.envelope.data.userId === user && m.envelope.data.roleId === '310000000000000001',
      ),
    );
  });
});
