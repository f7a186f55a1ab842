import { randomInt } from 'node:crypto';
import { RunningXpService, startXpService } from '../src/app';
import { getJson, messageCreated, postJson, putJson, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(180_000);

/** Small bounds, so the attacks reach them in seconds. */
const CACHE_BYTES = 64 * 1024;
const VERSIONS_PER_HOUR = 5;

const policy = {
  amount: { kind: 'fixed', xp: 10 },
  cooldownSeconds: 0,
  curve: 'sqrt',
  roleMultipliers: [],
  channelMultipliers: [],
  noXpChannels: [],
  levelUpMessage: { enabled: false, template: '{user} reached level {level}' },
};

/** Issue 11, finding 8 (review M6): every cache bounded, every policy save capped. */
describe('xp service: memory stays bounded under hostile reads and saves', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  let base: string;

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(
      t.env({
        XP_POLICY_CACHE_BYTES: String(CACHE_BYTES),
        XP_POLICY_VERSIONS_PER_HOUR: String(VERSIONS_PER_HOUR),
      }),
    );
    base = `http://127.0.0.1:${xp.port}`;
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  /** A metric of this xp process, as Prometheus would scrape it. */
  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  }

  it('anonymous profile lookups of 10,000 random guild ids leave nothing in the policy cache', async () => {
    const ids = Array.from(
      { length: 10_000 },
      () => `9${String(randomInt(1e9)).padStart(9, '0')}${'0'.repeat(8)}`,
    );
    let next = 0;
    const statuses = new Set<number>();
    // 16 at a time: what a scripted client keeps in flight.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ids.length) {
          const res = await fetch(`${base}/guilds/${ids[next++]}/members/400000000000000001`);
          statuses.add(res.status);
          await res.arrayBuffer();
        }
      }),
    );
    expect([...statuses]).toEqual([200]);
    // A guild with no policy has nothing worth remembering: the defaults are a constant.
    expect(await metric('xp_policy_cache_guilds')).toBe(0);
  });

  it('profile reads across more guilds with policies than the cache holds keep it at its bound', async () => {
    const guilds = Array.from({ length: 100 }, (_, i) => String(131000000000000000n + BigInt(i)));
    // About 2 KB each: 100 of them are three times the bound.
    await t.db.query(
      `INSERT INTO "${t.schema}".policy_events (guild_id, version, policy, changed_by, effective_at)
       SELECT g, 1, $2::jsonb, 'test', now() - interval '1 day' FROM unnest($1::text[]) AS g`,
      [guilds, JSON.stringify({ ...policyJson(10), noXpChannels: channelIds(90) })],
    );
    for (const g of guilds) {
      const res = await getJson(`${base}/guilds/${g}/members/400000000000000001`);
      expect(res.status).toBe(200);
    }
    const held = await metric('xp_policy_cache_guilds');
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(40);
    expect(await metric('xp_policy_cache_bytes')).toBeLessThanOrEqual(CACHE_BYTES);
  });

  it('a guild with 2,000 large policy versions has its messages decided without loading them all', async () => {
    const guild = '132000000000000001';
    // 2,000 versions of ~30 KB (250 role and 500 channel multipliers, 500 no-XP channels), one a
    // minute up to a minute ago; version v gives v XP, so each award names the version used.
    await t.db.query(
      `INSERT INTO "${t.schema}".policy_events (guild_id, version, policy, changed_by, effective_at)
       SELECT $1, v, $2::jsonb || jsonb_build_object('amount', jsonb_build_object('kind', 'fixed', 'xp', v)),
              'attacker', now() - (2001 - v) * interval '1 minute'
       FROM generate_series(1, 2000) AS v`,
      [
        guild,
        JSON.stringify({
          ...policyJson(0),
          roleMultipliers: Object.fromEntries(channelIds(250, '31').map((id) => [id, 1.5])),
          channelMultipliers: Object.fromEntries(channelIds(500, '32').map((id) => [id, 2])),
          noXpChannels: channelIds(500, '33'),
        }),
      ],
    );
    const { rows } = await t.db.query(
      `SELECT extract(epoch FROM effective_at) * 1000 AS at FROM "${t.schema}".policy_events
       WHERE guild_id = $1 AND version = 1000`,
      [guild],
    );
    const version1000At = Number(rows[0].at);
    const loadedBefore = await metric('xp_policy_versions_loaded_total');

    await t.publishMessages([
      messageCreated({ guildId: guild, userId: '400000000000000010', at: Date.now() }),
      // Sent while version 1000 was in force, delivered late: it must still earn what 1000 gave.
      messageCreated({ guildId: guild, userId: '400000000000000011', at: version1000At + 30_000 }),
    ]);
    const now = await waitFor('the new message to be counted', () => t.member(guild, '400000000000000010'));
    const late = await waitFor('the late message to be counted', () => t.member(guild, '400000000000000011'));
    expect(now.xp).toBe(2000);
    expect(late.xp).toBe(1000);
    const profile = await getJson(`${base}/guilds/${guild}/members/400000000000000010`);
    expect(profile.body).toMatchObject({ xp: 2000 });

    // The newest version, and the one in force for the late message: not 2,000 of them.
    expect((await metric('xp_policy_versions_loaded_total')) - loadedBefore).toBeLessThanOrEqual(4);
  });

  it('a guild owner saving the policy over and over is stopped at the hourly cap, with Retry-After', async () => {
    const guild = '133000000000000001';
    const other = '133000000000000002';
    const owner = t.token(guild, 'owner');
    for (let i = 0; i < VERSIONS_PER_HOUR; i++) {
      const res = await putJson(`${base}/guilds/${guild}/policy`, { ...policy, cooldownSeconds: i }, owner);
      expect(res.status).toBe(200);
    }
    const refused = await fetch(`${base}/guilds/${guild}/policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
      body: JSON.stringify(policy),
    });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { message: string }).message).toBe(
      `at most ${VERSIONS_PER_HOUR} XP policy versions per hour per guild; try again in ${retryAfter} s`,
    );
    // A restore is a new version too.
    expect((await postJson(`${base}/guilds/${guild}/history/xp-policy/1/restore`, owner)).status).toBe(429);
    const current = await getJson(`${base}/guilds/${guild}/policy`, owner);
    expect(current.body.version).toBe(VERSIONS_PER_HOUR);
    // Another guild is not slowed by this one.
    expect((await putJson(`${base}/guilds/${other}/policy`, policy, t.token(other, 'owner'))).status).toBe(
      200,
    );
  });
});

/** The stored (domain) shape of a policy giving `xp` per message. */
function policyJson(xp: number) {
  return {
    amount: { kind: 'fixed', xp },
    cooldownSeconds: 0,
    curve: 'sqrt',
    roleMultipliers: {},
    channelMultipliers: {},
    noXpChannels: [],
    levelUpMessage: { enabled: false, template: '{user} reached level {level}' },
  };
}

function channelIds(n: number, prefix = '30'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(16, '0')}`);
}
