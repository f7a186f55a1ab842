import { RunningXpService, startXpService } from '../src/app';
import { getJson, XpTestEnv } from './xp-test-env';

jest.setTimeout(60_000);

const GUILD = '110000000000000077';
const MEMBERS = 1300;
const user = (i: number) => String(420000000000000000n + BigInt(i));

/**
 * Deep pages are read from the nearer end of the index: every page, from either end, must hold
 * exactly the members the full order puts there (ties on XP broken by who got there first, then id).
 */
describe('xp service: leaderboard pages of a large guild', () => {
  const t = new XpTestEnv();
  let xp: RunningXpService;
  const expected: string[] = [];

  beforeAll(async () => {
    await t.setup();
    xp = await startXpService(t.env());
    // The projection as xp leaves it: many ties on XP and on the time of the last award.
    const rows = Array.from({ length: MEMBERS }, (_, i) => ({
      userId: user(i),
      xp: 10 * (1 + (i % 37)),
      at: new Date(Date.UTC(2026, 0, 1, 0, i % 11)),
    }));
    await t.db.query(
      `INSERT INTO "${t.schema}".member_xp (guild_id, user_id, xp, level, messages, last_award_at)
       SELECT $1, u, x, 1, 1, a FROM unnest($2::text[], $3::bigint[], $4::timestamptz[]) AS r(u, x, a)`,
      [GUILD, rows.map((r) => r.userId), rows.map((r) => r.xp), rows.map((r) => r.at)],
    );
    await t.db.query(
      `INSERT INTO "${t.schema}".member_names (guild_id, user_id, display_name) SELECT $1, u, 'member' || i FROM unnest($2::text[]) WITH ORDINALITY AS r(u, i)`,
      [GUILD, rows.map((r) => r.userId)],
    );
    rows.sort((a, b) => b.xp - a.xp || a.at.getTime() - b.at.getTime() || (a.userId < b.userId ? -1 : 1));
    expected.push(...rows.map((r) => r.userId));
  });
  afterAll(async () => {
    await xp?.stop();
    await t.cleanup();
  });

  const url = (limit: number, offset: number) =>
    `http://127.0.0.1:${xp.port}/guilds/${GUILD}/leaderboard?limit=${limit}&offset=${offset}`;
  const page = async (limit: number, offset: number) => {
    const res = await getJson(url(limit, offset), t.token(GUILD, 'member'));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(MEMBERS);
    return res.body.entries as { userId: string; position: number }[];
  };

  it.each([
    ['the top', 25, 0],
    ['a shallow page', 25, 975],
    ['just past the middle', 40, 651],
    ['deep in the lower half', 25, 1100],
    ['the last, partial page', 25, 1275 + 10],
    ['the last member', 1, MEMBERS - 1],
  ])('%s holds the members the full order puts there', async (_name, limit, offset) => {
    const entries = await page(limit, offset);
    expect(entries.map((e) => e.userId)).toEqual(expected.slice(offset, offset + limit));
    expect(entries.map((e) => e.position)).toEqual(
      expected.slice(offset, offset + limit).map((_, i) => offset + i + 1),
    );
  });

  it('a name search gives each match its position on the full leaderboard', async () => {
    // 'member12' matches member12, member120…129 and member1200…1299 (names are 1-based): more than one page of matches.
    const token = t.token(GUILD, 'moderator');
    const res = await getJson(
      `http://127.0.0.1:${xp.port}/guilds/${GUILD}/members?search=member12&limit=25`,
      token,
    );
    expect(res.status).toBe(200);
    const entries = res.body.entries as { userId: string; position: number }[];
    expect(entries).toHaveLength(25);
    for (const e of entries) expect(e.position).toBe(expected.indexOf(e.userId) + 1);
  });

  it('a scraper outside the guild gets the top 1000 and no deeper page, so the member list cannot be walked', async () => {
    const top = await getJson(url(100, 900));
    expect(top.status).toBe(200);
    expect(top.body.entries.map((e: { userId: string }) => e.userId)).toEqual(expected.slice(900, 1000));
    for (const token of [undefined, t.token('110000000000000078', 'moderator')]) {
      const deep = await getJson(url(25, 990), token);
      expect(deep.status).toBe(403);
      expect(deep.body.message).toMatch(/past the top 1000 .* members of the guild only/);
    }
  });

  it('past the end is empty', async () => {
    expect(await page(25, MEMBERS)).toEqual([]);
    expect(await page(25, MEMBERS + 500)).toEqual([]);
  });
});
