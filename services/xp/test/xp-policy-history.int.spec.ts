import { RunningXpService, startXpService } from '../src/app';
import { getJson, messageCreated, postJson, putJson, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(60_000);

const GUILD = '121000000000000001';
const ROLE = '300000000000000001';
const MOD = '555000000000000001';
const base = {
  amount: { kind: 'fixed', xp: 50 },
  cooldownSeconds: 0,
  curve: 'sqrt',
  roleMultipliers: [{ id: ROLE, multiplier: 1.5 }],
  channelMultipliers: [],
  noXpChannels: [],
  levelUpMessage: { enabled: false, template: '{user} reached level {level}' },
};

describe('xp service: policy history and restore', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let url: string;
  const mod = () => t.token(GUILD, 'moderator', MOD);

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    url = `http://127.0.0.1:${xp.port}/guilds/${GUILD}`;
    // A policy may name only roles the server has: xp learns them from the gateway's guild.synced.
    await t.syncDirectory(GUILD, { roleIds: [ROLE] });
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  it('before any change the history holds only the defaults', async () => {
    const res = await getJson(`${url}/history/xp-policy`, mod());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      setting: 'xp-policy',
      current: 0,
      nextBefore: null,
      versions: [
        {
          version: 0,
          at: null,
          by: null,
          summary: 'Defaults',
          changes: [],
          restoredFrom: null,
          baseline: true,
        },
      ],
    });
  });

  it('each save is a version with who, when and what changed against the one before', async () => {
    expect((await putJson(`${url}/policy`, base, mod())).status).toBe(200);
    const second = {
      ...base,
      amount: { kind: 'fixed', xp: 5 },
      roleMultipliers: [{ id: ROLE, multiplier: 2 }],
    };
    expect(
      (await putJson(`${url}/policy`, second, t.token(GUILD, 'owner', '555000000000000002'))).status,
    ).toBe(200);
    const res = await getJson(`${url}/history/xp-policy`, mod());
    expect(res.body.current).toBe(2);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1, 0]);
    const [v2, v1] = res.body.versions;
    expect(v2).toMatchObject({ by: '555000000000000002', restoredFrom: null, baseline: false });
    expect(Date.parse(v2.at)).toBeGreaterThanOrEqual(Date.parse(v1.at));
    expect(v2.changes.map((c: { text: string }) => c.text)).toEqual([
      'XP per message 50 XP → 5 XP',
      `multiplier for role ${ROLE} 1.5 → 2`,
    ]);
    expect(v1.by).toBe(MOD);
    expect(v1.summary).toContain('XP per message 10 XP → 50 XP');
  });

  it('history pages by version: limit and before', async () => {
    const first = await getJson(`${url}/history/xp-policy?limit=1`, mod());
    expect(first.body.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(first.body.versions[0].changes).toHaveLength(2);
    expect(first.body.nextBefore).toBe(2);
    const next = await getJson(`${url}/history/xp-policy?limit=1&before=2`, mod());
    expect(next.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    const last = await getJson(`${url}/history/xp-policy?limit=1&before=1`, mod());
    expect(last.body).toMatchObject({ versions: [{ version: 0, baseline: true }], nextBefore: null });
    const bad = await getJson(`${url}/history/xp-policy?limit=0`, mod());
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('limit');
  });

  it('restoring version 1 records a new version 3 and the restored policy is the one in force', async () => {
    const res = await postJson(`${url}/history/xp-policy/1/restore`, mod());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      setting: 'xp-policy',
      version: 3,
      restoredFrom: 1,
      value: { amount: { kind: 'fixed', xp: 50 } },
    });
    const policy = await getJson(`${url}/policy`, mod());
    expect(policy.body).toMatchObject({
      version: 3,
      policy: { amount: { kind: 'fixed', xp: 50 }, roleMultipliers: [{ id: ROLE, multiplier: 1.5 }] },
    });
    const history = await getJson(`${url}/history/xp-policy?limit=2`, mod());
    expect(history.body.versions[0]).toMatchObject({ version: 3, restoredFrom: 1, by: MOD });
    expect(history.body.versions[0].summary).toBe(
      `Restored version 1: XP per message 5 XP → 50 XP; multiplier for role ${ROLE} 2 → 1.5`,
    );
    // Versions 1 and 2 are still there, unchanged.
    expect(history.body.versions[1]).toMatchObject({ version: 2, by: '555000000000000002' });

    // Live: a message sent now earns what version 1 gave (50 XP, not version 2's 5).
    await t.publishMessages([
      messageCreated({ guildId: GUILD, userId: '400000000000000001', at: Date.now() + 1000 }),
    ]);
    const member = await waitFor('the message to be counted', () => t.member(GUILD, '400000000000000001'));
    expect(member.xp).toBe(50);
  });

  it('restoring the defaults (version 0) brings the product defaults back as a new version', async () => {
    const res = await postJson(`${url}/history/xp-policy/0/restore`, mod());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 4,
      restoredFrom: 0,
      value: { amount: { kind: 'fixed', xp: 10 }, roleMultipliers: [] },
    });
  });

  it('members, other guilds and unknown versions or settings are refused', async () => {
    expect((await getJson(`${url}/history/xp-policy`, t.token(GUILD, 'member', MOD))).status).toBe(403);
    expect((await postJson(`${url}/history/xp-policy/1/restore`, t.token(GUILD, 'member', MOD))).status).toBe(
      403,
    );
    expect(
      (await postJson(`${url}/history/xp-policy/1/restore`, t.token('121000000000000002', 'moderator', MOD)))
        .status,
    ).toBe(403);
    expect((await getJson(`${url}/history/xp-policy`)).status).toBe(401);
    const unknown = await postJson(`${url}/history/xp-policy/99/restore`, mod());
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('version 99 of xp-policy does not exist');
    const setting = await getJson(`${url}/history/catalog`, mod());
    expect(setting.status).toBe(404);
    expect(setting.body.message).toContain('"catalog"');
    expect((await getJson(`${url}/policy`, mod())).body.version).toBe(4);
  });
});
