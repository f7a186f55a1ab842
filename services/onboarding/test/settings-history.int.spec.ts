import { DEFAULT_RULES } from '../src/domain/default-rules';
import { actionResult, OnboardingTestEnv } from './onboarding-test-env';

const GUILD = '100000000000000401';
const CHANNEL_A = '200000000000000401';
const CHANNEL_B = '200000000000000402';
const MOD = '500000000000000004';
const OWNER = '500000000000000005';

jest.setTimeout(60_000);

const versionsOf = (body: { versions: { version: number }[] }) => body.versions.map((v) => v.version);
const editedRules = () =>
  DEFAULT_RULES.map((r, i) =>
    i === 0
      ? {
          ...r,
          title: 'Be kind',
          questions: [
            { id: 'q1', prompt: 'Is kindness required?', choices: ['Yes', 'No'], answer: 0 },
            ...r.questions.slice(1),
          ],
        }
      : r,
  );

describe('onboarding: history and restore of the rules and the setup', () => {
  const t = new OnboardingTestEnv();
  const mod = () => t.token(GUILD, 'moderator', MOD);
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());

  it('the rules start with the defaults as version 1', async () => {
    const res = await t.http('GET', `/guilds/${GUILD}/history/rules`, mod());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      setting: 'rules',
      current: 1,
      nextBefore: null,
      versions: [{ version: 1, by: null, summary: 'Defaults', baseline: true }],
    });
  });

  it('a published edit is version 2 with who and what changed, quiz questions included', async () => {
    const saved = await t.http('PUT', `/guilds/${GUILD}/rules`, mod(), {
      rules: editedRules(),
      requiresReagreement: false,
    });
    expect(saved.body.version).toBe(2);
    const res = await t.http('GET', `/guilds/${GUILD}/history/rules`, mod());
    expect(versionsOf(res.body)).toEqual([2, 1]);
    expect(res.body.versions[0]).toMatchObject({ by: MOD, restoredFrom: null });
    expect(res.body.versions[0].changes.map((c: { text: string }) => c.text)).toEqual([
      'rule title "Be respectful" → "Be kind"',
      'question in rule "Be kind" "Someone disagrees with your opinion. What should you do?" → "Is kindness required?"',
      'choices of "Is kindness required?" "Insult them until they stop", "Reply to their argument calmly, or let it go", "Ping their friends to gang up on them" → "Yes", "No"',
      'right answer of "Is kindness required?" "Reply to their argument calmly, or let it go" → "Yes"',
    ]);
  });

  it('restoring version 1 publishes version 3 with the default rules and quizzes, without asking members to agree again', async () => {
    const before = (await t.outbox({ type: 'message.send' })).length;
    const res = await t.http(
      'POST',
      `/guilds/${GUILD}/history/rules/1/restore`,
      t.token(GUILD, 'owner', OWNER),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      setting: 'rules',
      version: 3,
      restoredFrom: 1,
      value: { version: 3, requiresReagreement: false },
    });
    const rules = await t.http('GET', `/guilds/${GUILD}/rules`, t.token(GUILD, 'member', MOD));
    expect(rules.body).toMatchObject({ version: 3 });
    expect(rules.body.rules[0].title).toBe('Be respectful');
    const quiz = await t.http('GET', `/guilds/${GUILD}/quizzes/be-respectful`, t.token(GUILD, 'member', MOD));
    expect(quiz.body.questions.map((q: { prompt: string }) => q.prompt)).toEqual(
      DEFAULT_RULES[0].questions.map((q) => q.prompt),
    );
    const history = await t.http('GET', `/guilds/${GUILD}/history/rules?limit=1`, mod());
    expect(history.body.versions[0]).toMatchObject({ version: 3, by: OWNER, restoredFrom: 1 });
    expect(history.body.versions[0].summary).toMatch(
      /^Restored version 1: rule title "Be kind" → "Be respectful"/,
    );
    expect(history.body.nextBefore).toBe(3);
    // Restoring rules leaves the rules message alone (only a channel change re-posts it).
    expect(await t.outbox({ type: 'message.send' })).toHaveLength(before);
  });

  it('the setup history names each change; restoring version 1 moves the rules message back', async () => {
    const put = (body: object) =>
      t.http('PUT', `/guilds/${GUILD}/setup`, mod(), { createMissingRoles: false, ...body });
    await t.syncDirectory(GUILD, {
      channelIds: [CHANNEL_A, CHANNEL_B],
      roleIds: ['300000000000000401', '300000000000000402'],
    });
    expect(
      (
        await put({
          rulesChannelId: CHANNEL_A,
          preMemberRoleId: '300000000000000401',
          memberRoleId: '300000000000000402',
        })
      ).status,
    ).toBe(200);
    const [first] = await t.outbox({ type: 'message.send' });
    await t.deliver(
      actionResult(GUILD, true, {
        actionId: first.envelope.id,
        kind: 'message.send',
        resultId: '720000000000000401',
      }),
    );
    expect((await put({ rulesChannelId: CHANNEL_B, welcomeText: 'Hello {user}' })).status).toBe(200);

    const res = await t.http('GET', `/guilds/${GUILD}/history/onboarding`, mod());
    expect(res.body.current).toBe(2);
    expect(versionsOf(res.body)).toEqual([2, 1, 0]);
    expect(res.body.versions[0].changes.map((c: { text: string }) => c.text)).toEqual([
      `rules channel ${CHANNEL_A} → ${CHANNEL_B}`,
      expect.stringMatching(/^welcome text ".*" → "Hello \{user\}"$/),
    ]);
    expect(res.body.versions[1].changes.map((c: { field: string }) => c.field)).toEqual([
      'rulesChannelId',
      'preMemberRoleId',
      'memberRoleId',
    ]);

    const sendsBefore = (await t.outbox({ type: 'message.send' })).length;
    const restored = await t.http('POST', `/guilds/${GUILD}/history/onboarding/1/restore`, mod());
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({
      version: 3,
      restoredFrom: 1,
      value: { settings: { rulesChannelId: CHANNEL_A } },
    });
    const setup = await t.http('GET', `/guilds/${GUILD}/setup`, mod());
    expect(setup.body.settings).toMatchObject({
      rulesChannelId: CHANNEL_A,
      welcomeText: expect.not.stringContaining('Hello'),
    });
    // The same side effect as a save that changes the channel: the rules message is posted there.
    const sends = await t.outbox({ type: 'message.send' });
    expect(sends).toHaveLength(sendsBefore + 1);
    expect(sends[sends.length - 1].envelope.data).toMatchObject({ channelId: CHANNEL_A });
    const after = await t.http('GET', `/guilds/${GUILD}/history/onboarding?limit=1`, mod());
    expect(after.body.versions[0]).toMatchObject({ version: 3, restoredFrom: 1, by: MOD });
  });

  it("roles the service created between two saves are not counted as the moderator's change, and a restore keeps them", async () => {
    const guild = '100000000000000403';
    const token = t.token(guild, 'moderator', MOD);
    await t.syncDirectory(guild, { channelIds: [CHANNEL_A] });
    expect((await t.http('PUT', `/guilds/${guild}/setup`, token, { rulesChannelId: CHANNEL_A })).status).toBe(
      200,
    );
    const creates = (await t.outbox({ type: 'role.create' })).filter((c) => c.envelope.guildId === guild);
    expect(creates).toHaveLength(2);
    await t.deliver(
      ...creates.map((c, i) =>
        actionResult(guild, true, {
          actionId: c.envelope.id,
          kind: 'role.create',
          resultId: `31000000000000041${i}`,
        }),
      ),
    );
    // Discord announces the roles it created (GUILD_ROLE_CREATE), so the directory knows them too.
    await t.syncDirectory(guild, {
      channelIds: [CHANNEL_A],
      roleIds: ['310000000000000410', '310000000000000411'],
    });
    expect((await t.http('PUT', `/guilds/${guild}/setup`, token, { welcomeText: 'Hi {user}' })).status).toBe(
      200,
    );

    const res = await t.http('GET', `/guilds/${guild}/history/onboarding`, token);
    expect(res.body.versions[0].changes.map((c: { field: string }) => c.field)).toEqual(['welcomeText']);
    const restored = await t.http('POST', `/guilds/${guild}/history/onboarding/1/restore`, token);
    expect(restored.body.value.settings).toMatchObject({
      preMemberRoleId: '310000000000000410',
      memberRoleId: '310000000000000411',
    });
    expect(
      (await t.outbox({ type: 'role.create' })).filter((c) => c.envelope.guildId === guild),
    ).toHaveLength(2);
    const after = await t.http('GET', `/guilds/${guild}/history/onboarding?limit=1`, token);
    expect(after.body.versions[0].changes.map((c: { field: string }) => c.field)).toEqual(['welcomeText']);
  });

  it('members, other guilds, unknown versions and unknown settings are refused', async () => {
    expect(
      (await t.http('GET', `/guilds/${GUILD}/history/rules`, t.token(GUILD, 'member', MOD))).status,
    ).toBe(403);
    expect(
      (await t.http('POST', `/guilds/${GUILD}/history/rules/1/restore`, t.token(GUILD, 'member', MOD)))
        .status,
    ).toBe(403);
    expect(
      (
        await t.http(
          'POST',
          `/guilds/${GUILD}/history/onboarding/1/restore`,
          t.token('100000000000000402', 'moderator', MOD),
        )
      ).status,
    ).toBe(403);
    const unknown = await t.http('POST', `/guilds/${GUILD}/history/rules/42/restore`, mod());
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('version 42 of rules does not exist');
    const unknownSetup = await t.http('POST', `/guilds/${GUILD}/history/onboarding/9/restore`, mod());
    expect(unknownSetup.body.message).toBe('version 9 of onboarding does not exist');
    expect((await t.http('GET', `/guilds/${GUILD}/history/xp-policy`, mod())).status).toBe(404);
  });

  it('the rules editor reads every question with its right answer; members may not', async () => {
    const res = await t.http('GET', `/guilds/${GUILD}/rules/editable`, mod());
    expect(res.status).toBe(200);
    expect(res.body.rules[0].questions[0]).toMatchObject({
      id: 'q1',
      answer: DEFAULT_RULES[0].questions[0].answer,
    });
    expect(
      (await t.http('GET', `/guilds/${GUILD}/rules/editable`, t.token(GUILD, 'member', MOD))).status,
    ).toBe(403);
  });
});
