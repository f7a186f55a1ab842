import { RunningXpService, startXpService } from '../src/app';
import { getJson, putJson, XpTestEnv } from './xp-test-env';

jest.setTimeout(60_000);

const GUILD = '120000000000000001';
const policy = {
  amount: { kind: 'random', min: 15, max: 25 },
  cooldownSeconds: 30,
  curve: 'step',
  roleMultipliers: [{ id: '300000000000000001', multiplier: 2 }],
  channelMultipliers: [],
  noXpChannels: ['200000000000000003'],
  levelUpMessage: {
    enabled: true,
    channelId: '200000000000000009',
    template: '{user} reached level {level} ({rank})',
  },
};

describe('xp service: policy and read API over HTTP', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let url: string;

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    url = `http://127.0.0.1:${xp.port}/guilds/${GUILD}`;
    await t.syncDirectory(GUILD, {
      roleIds: ['300000000000000001'],
      channels: [
        { id: '200000000000000100', name: 'Community', type: 4, position: 1 },
        { id: '200000000000000003', name: 'bot-spam', type: 0, position: 1, parentId: '200000000000000100' },
        { id: '200000000000000009', name: 'level-ups', type: 0, position: 0, parentId: '200000000000000100' },
      ],
    });
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  it('a moderator sees the product defaults before any change', async () => {
    const res = await getJson(`${url}/policy`, t.token(GUILD, 'moderator'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 0,
      effectiveAt: null,
      policy: { amount: { kind: 'fixed', xp: 10 }, cooldownSeconds: 60, curve: 'sqrt' },
    });
  });

  it('a moderator replaces the policy and each change becomes a new version', async () => {
    const first = await putJson(`${url}/policy`, policy, t.token(GUILD, 'moderator'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, policy });
    const second = await putJson(
      `${url}/policy`,
      { ...policy, cooldownSeconds: 45 },
      t.token(GUILD, 'owner'),
    );
    expect(second.body.version).toBe(2);
    const read = await getJson(`${url}/policy`, t.token(GUILD, 'moderator'));
    expect(read.body).toMatchObject({ version: 2, policy: { ...policy, cooldownSeconds: 45 } });
    const { rows } = await t.db.query(
      `SELECT version, changed_by FROM "${t.schema}".policy_events WHERE guild_id = $1 ORDER BY version`,
      [GUILD],
    );
    expect(rows).toEqual([
      { version: 1, changed_by: '555000000000000001' },
      { version: 2, changed_by: '555000000000000001' },
    ]);
  });

  it('members may not read or change the policy; anonymous callers get 401', async () => {
    expect((await getJson(`${url}/policy`, t.token(GUILD, 'member'))).status).toBe(403);
    expect((await putJson(`${url}/policy`, policy, t.token(GUILD, 'member'))).status).toBe(403);
    expect((await getJson(`${url}/policy`)).status).toBe(401);
    // A moderator of another guild is not a moderator here.
    expect((await getJson(`${url}/policy`, t.token('120000000000000002', 'moderator'))).status).toBe(403);
  });

  it('an invalid policy is a 400 that names the field', async () => {
    const bad = await putJson(
      `${url}/policy`,
      { ...policy, cooldownSeconds: -1 },
      t.token(GUILD, 'moderator'),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('cooldownSeconds');
    const inverted = await putJson(
      `${url}/policy`,
      { ...policy, amount: { kind: 'random', min: 30, max: 20 } },
      t.token(GUILD, 'moderator'),
    );
    expect(inverted.status).toBe(400);
    expect(JSON.stringify(inverted.body)).toContain('amount.min');
  });

  it('profiles and leaderboards are public; an unknown member has no XP and no position', async () => {
    const member = await getJson(`${url}/members/400000000000000001`);
    expect(member.status).toBe(200);
    expect(member.body).toMatchObject({
      xp: 0,
      level: 0,
      messages: 0,
      position: null,
      rank: 'Newcomer',
      xpToNextLevel: 100,
    });
    const lb = await getJson(`${url}/leaderboard`);
    expect(lb.body).toEqual({ guildId: GUILD, total: 0, limit: 10, offset: 0, entries: [] });
  });

  it('bad ids and paging are 400s', async () => {
    expect((await getJson(`${url}/members/not-a-user`)).status).toBe(400);
    expect((await getJson(`${url}/leaderboard?limit=1000`)).status).toBe(400);
    expect((await getJson(`${url}/leaderboard?offset=-1`)).status).toBe(400);
  });

  it('a policy naming a role or channel the server does not have is a 400 naming the field and the id', async () => {
    const mod = t.token(GUILD, 'moderator');
    const role = await putJson(
      `${url}/policy`,
      { ...policy, roleMultipliers: [{ id: '300000000000000999', multiplier: 2 }] },
      mod,
    );
    expect(role.status).toBe(400);
    expect(role.body.message).toEqual([
      'roleMultipliers: role 300000000000000999 is not a role of this server',
    ]);
    const channels = await putJson(
      `${url}/policy`,
      {
        ...policy,
        channelMultipliers: [{ id: '200000000000000998', multiplier: 2 }],
        noXpChannels: ['200000000000000100'],
        levelUpMessage: { ...policy.levelUpMessage, channelId: '200000000000000997' },
      },
      mod,
    );
    expect(channels.status).toBe(400);
    expect(channels.body.message).toEqual([
      'channelMultipliers: channel 200000000000000998 is not a channel of this server',
      'noXpChannels: Community (200000000000000100) is a category, not a channel',
      'levelUpMessage.channelId: channel 200000000000000997 is not a channel of this server',
    ]);
    expect((await getJson(`${url}/policy`, mod)).body.policy.roleMultipliers).toEqual(policy.roleMultipliers);
  });

  it('a guild whose roles and channels were never received says so instead of blaming the id', async () => {
    const other = '120000000000000003';
    const res = await putJson(
      `http://127.0.0.1:${xp.port}/guilds/${other}/policy`,
      policy,
      t.token(other, 'moderator'),
    );
    expect(res.status).toBe(400);
    expect(res.body.message[0]).toMatch(/^roleMultipliers: this server's roles are not known yet/);
    const empty = {
      ...policy,
      roleMultipliers: [],
      noXpChannels: [],
      levelUpMessage: { enabled: false, template: '-' },
    };
    expect(
      (
        await putJson(
          `http://127.0.0.1:${xp.port}/guilds/${other}/policy`,
          empty,
          t.token(other, 'moderator'),
        )
      ).status,
    ).toBe(200);
  });

  it('moderators read the directory: roles with colour and whether they may be granted, channels under their category', async () => {
    const res = await getJson(`${url}/directory`, t.token(GUILD, 'moderator'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ guildId: GUILD, known: true, channelsKnown: true });
    expect(res.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'Guildhall',
      'role-300000000000000001',
    ]);
    expect(res.body.roles[1]).toEqual({
      id: '300000000000000001',
      name: 'role-300000000000000001',
      color: 0x3498db,
      position: 1,
      managed: false,
      assignable: true,
    });
    expect(res.body.roles[0]).toMatchObject({ assignable: false, reason: expect.stringMatching(/managed/) });
    expect(res.body.categories).toEqual([
      {
        id: '200000000000000100',
        name: 'Community',
        channels: [
          {
            id: '200000000000000009',
            name: 'level-ups',
            type: 0,
            categoryId: '200000000000000100',
            categoryName: 'Community',
          },
          {
            id: '200000000000000003',
            name: 'bot-spam',
            type: 0,
            categoryId: '200000000000000100',
            categoryName: 'Community',
          },
        ],
      },
    ]);
    expect((await getJson(`${url}/directory`, t.token(GUILD, 'member'))).status).toBe(403);
    expect((await getJson(`${url}/directory`)).status).toBe(401);
  });
});
