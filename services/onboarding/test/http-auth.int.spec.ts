import { OnboardingTestEnv } from './onboarding-test-env';

const GUILD = '100000000000000401';
const OTHER_GUILD = '100000000000000402';
const ALICE = '600000000000000001';
const BOB = '600000000000000002';
const MOD = '600000000000000009';

jest.setTimeout(60_000);

describe('onboarding HTTP: who may do what', () => {
  const t = new OnboardingTestEnv();
  beforeAll(() => t.start());
  afterAll(() => t.cleanup());
  const alice = () => t.token(GUILD, 'member', ALICE);
  const moderator = () => t.token(GUILD, 'moderator', MOD);
  const answers = { answers: [{ questionId: 'q1', choice: 1 }] };

  it('anonymous callers get 401 everywhere', async () => {
    for (const [method, path] of [
      ['GET', `/guilds/${GUILD}/rules`],
      ['GET', `/guilds/${GUILD}/setup`],
      ['POST', `/guilds/${GUILD}/setup/confirm`],
      ['GET', `/guilds/${GUILD}/members/${ALICE}/status`],
      ['POST', `/guilds/${GUILD}/members/${ALICE}/quizzes/no-spam/attempts`],
    ])
      expect((await t.http(method, path, undefined, method === 'POST' ? answers : undefined)).status).toBe(
        401,
      );
  });

  it('a token for another guild gets 403', async () => {
    const other = t.token(OTHER_GUILD, 'owner', ALICE);
    expect((await t.http('GET', `/guilds/${GUILD}/rules`, other)).status).toBe(403);
    expect((await t.http('GET', `/guilds/${GUILD}/members/${ALICE}/progress`, other)).status).toBe(403);
  });

  it('a member may read and act only for themself', async () => {
    expect((await t.http('GET', `/guilds/${GUILD}/members/${ALICE}/status`, alice())).status).toBe(200);
    expect((await t.http('GET', `/guilds/${GUILD}/members/${BOB}/status`, alice())).status).toBe(403);
    expect((await t.http('GET', `/guilds/${GUILD}/members/${BOB}/progress`, alice())).status).toBe(403);
    expect(
      (await t.http('POST', `/guilds/${GUILD}/members/${BOB}/quizzes/no-spam/attempts`, alice(), answers))
        .status,
    ).toBe(403);
    expect(
      (await t.http('POST', `/guilds/${GUILD}/members/${ALICE}/quizzes/no-spam/attempts`, alice(), answers))
        .status,
    ).toBe(201);
  });

  it('moderator-only routes refuse members and admit moderators', async () => {
    const rules = {
      rules: [{ id: 'be-respectful', title: 'Be kind', text: 'Be kind.' }],
      requiresReagreement: false,
    };
    expect((await t.http('GET', `/guilds/${GUILD}/setup`, alice())).status).toBe(403);
    expect((await t.http('PUT', `/guilds/${GUILD}/setup`, alice(), { welcomeText: 'hi' })).status).toBe(403);
    expect((await t.http('POST', `/guilds/${GUILD}/setup/confirm`, alice(), {})).status).toBe(403);
    expect((await t.http('PUT', `/guilds/${GUILD}/rules`, alice(), rules)).status).toBe(403);
    expect((await t.http('GET', `/guilds/${GUILD}/funnel`, alice())).status).toBe(403);

    expect((await t.http('GET', `/guilds/${GUILD}/setup`, moderator())).status).toBe(200);
    expect((await t.http('GET', `/guilds/${GUILD}/funnel`, moderator())).status).toBe(200);
    expect((await t.http('PUT', `/guilds/${GUILD}/rules`, moderator(), rules)).status).toBe(200);
    expect((await t.http('GET', `/guilds/${GUILD}/members/${ALICE}/progress`, moderator())).status).toBe(200);
  });

  it('invalid input is a 400 naming the field', async () => {
    const bad = await t.http('PUT', `/guilds/${GUILD}/setup`, moderator(), { rulesChannelId: 'general' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('rulesChannelId');
    const unknown = await t.http('PUT', `/guilds/${GUILD}/setup`, moderator(), { colour: 'blue' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('colour');
    const userId = await t.http('GET', `/guilds/${GUILD}/members/alice/status`, moderator());
    expect(userId.status).toBe(400);
    expect(JSON.stringify(userId.body.message)).toContain('userId');
  });

  it('a cleared setting is null, a setting left out is kept', async () => {
    await t.syncDirectory(GUILD, { roleIds: ['300000000000000409'], channelIds: ['200000000000000401'] });
    await t.http('PUT', `/guilds/${GUILD}/setup`, moderator(), {
      rulesChannelId: '200000000000000401',
      modRoleId: '300000000000000409',
      createMissingRoles: false,
    });
    await t.http('PUT', `/guilds/${GUILD}/setup`, moderator(), {
      modRoleId: null,
      createMissingRoles: false,
    });
    const setup = await t.http('GET', `/guilds/${GUILD}/setup`, moderator());
    expect(setup.body.settings).toMatchObject({ rulesChannelId: '200000000000000401', modRoleId: null });
    expect(setup.body.roles.member.status).toBe('missing');
  });

  it('setup refuses a channel or role the server does not have, naming the field and the id', async () => {
    const res = await t.http('PUT', `/guilds/${GUILD}/setup`, moderator(), {
      rulesChannelId: '200000000000000499',
      memberRoleId: '300000000000000499',
      createMissingRoles: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      'rulesChannelId: channel 200000000000000499 is not a channel of this server',
      'memberRoleId: role 300000000000000499 is not a role of this server',
    ]);
    expect((await t.http('GET', `/guilds/${GUILD}/setup`, moderator())).body.settings.rulesChannelId).toBe(
      '200000000000000401',
    );
    const other = t.token(OTHER_GUILD, 'moderator', MOD);
    const unknown = await t.http('PUT', `/guilds/${OTHER_GUILD}/setup`, other, {
      rulesChannelId: '200000000000000401',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message[0]).toMatch(/^rulesChannelId: this server's channels are not known yet/);
  });

  it('the directory of roles and channels is for moderators only', async () => {
    const res = await t.http('GET', `/guilds/${GUILD}/directory`, moderator());
    expect(res.status).toBe(200);
    expect(res.body.categories).toEqual([
      {
        id: null,
        name: null,
        channels: [
          {
            id: '200000000000000401',
            name: 'channel-200000000000000401',
            type: 0,
            categoryId: null,
            categoryName: null,
          },
        ],
      },
    ]);
    expect(res.body.roles.map((r: { id: string }) => r.id)).toContain('300000000000000409');
    expect((await t.http('GET', `/guilds/${GUILD}/directory`, alice())).status).toBe(403);
    expect((await t.http('GET', `/guilds/${GUILD}/directory`)).status).toBe(401);
  });
});
