import { componentSubject, discordSubject, domainSubject } from '@guildhall/contracts';
import { RunningRolesService, startRolesService } from '../src/app';
import { http, role, RolesTestEnv, snowflake, waitFor } from './roles-test-env';

const GUILD = '100000000000000007';
const BOT = '900000000000000007';
const APP = '910000000000000007';
const R = {
  bot: '370000000000000090',
  artist: '370000000000000011',
  lvl5: '370000000000000051',
  lvl10: '370000000000000052',
};
const user = (i: number) => String(570000000000000000n + BigInt(i));
/** A guild-wide cap low enough to reach with a few members; the member cap is the default 10. */
const GUILD_PER_MINUTE = 25;
const MEMBERS_WITH_LEVELS = 200;

jest.setTimeout(120_000);

/** Issue 11, finding 8 (review M6): writes that turn into Discord calls are capped per member and guild. */
describe('roles service: role requests are rate-limited and one reward job runs per guild', () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let base: string;
  let category: string;
  const mod = () => t.token(GUILD, 'moderator', user(999));
  const request = (userId: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/guilds/${GUILD}/members/${userId}/requests`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.token(GUILD, 'member', userId)}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
  const toggle = (userId: string, i: number) =>
    request(userId, i % 2 === 0 ? { add: [R.artist] } : { remove: [R.artist] });

  beforeAll(async () => {
    await t.setup();
    // One member per job step, so a job over 200 members is still running when the next save comes.
    svc = await startRolesService(
      t.env({ ROLES_GUILD_REQUESTS_PER_MINUTE: String(GUILD_PER_MINUTE), ROLES_REWARD_JOB_BATCH: '1' }),
    );
    base = `http://127.0.0.1:${svc.port}`;
    await t.publish(discordSubject(GUILD, 'guild.synced'), 'guild.synced', GUILD, {
      name: 'Rate limits',
      ownerId: user(999),
      botUserId: BOT,
      botRoleIds: [R.bot],
      memberCount: 100,
      roles: [
        role(GUILD, '@everyone', 0),
        role(R.bot, 'Guildhall', 20, { managed: true }),
        role(R.artist, 'Artist', 1),
        role(R.lvl5, 'Regular', 5),
        role(R.lvl10, 'Veteran', 6),
      ],
    });
    await waitFor('guild synced', async () => (await t.applied('roles-discord')) >= 1);
    category = (
      await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, mod(), { name: 'Interests' })
    ).body.id;
    expect(
      (
        await http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), {
          roleId: R.artist,
          categoryId: category,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it('a member sending role requests in a loop is refused after 10 a minute, with Retry-After', async () => {
    const u = user(1);
    for (let i = 0; i < 10; i++) expect((await toggle(u, i)).status).toBe(202);
    const refused = await toggle(u, 10);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { message: string }).message).toBe(
      `at most 10 role requests per minute per member; try again in ${retryAfter} s`,
    );
    // Nothing was recorded or sent to Discord for the refused one.
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM "${t.schema}".role_requests WHERE guild_id = $1 AND user_id = $2`,
      [GUILD, u],
    );
    expect(rows[0].n).toBe(10);
    // A retry of an earlier request (same Idempotency-Key) still gets its first answer.
    const other = user(2);
    const first = await request(other, { add: [R.artist] }, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(202);
    for (let i = 1; i < 10; i++) expect((await toggle(other, i)).status).toBe(202);
    const again = await request(other, { add: [R.artist] }, { 'idempotency-key': 'k1' });
    expect(again.status).toBe(202);
  });

  it('many members each under their own limit are stopped by the guild-wide cap', async () => {
    // 20 requests so far; members 3.. make one each until the guild reaches its cap.
    const statuses: number[] = [];
    for (let i = 3; i < 3 + GUILD_PER_MINUTE - 20 + 1; i++) statuses.push((await toggle(user(i), 0)).status);
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    const last = statuses[statuses.length - 1];
    expect(last).toBe(429);
    const res = await toggle(user(100), 0);
    expect(((await res.json()) as { message: string }).message).toMatch(
      new RegExp(`^at most ${GUILD_PER_MINUTE} role requests per minute per guild; try again in \\d+ s$`),
    );
  });

  it('a member picking roles in /roles in a loop is told to slow down, and nothing is requested', async () => {
    const u = user(200);
    const pick = (values: string[]) =>
      t.publish(componentSubject(GUILD, 'roles'), 'interaction.component', GUILD, {
        interactionId: snowflake(),
        token: `tok-${snowflake()}`,
        applicationId: APP,
        userId: u,
        username: `u${u}`,
        channelId: '270000000000000001',
        roleIds: [],
        permissions: '0',
        customId: `roles:pick:${category}`,
        componentType: 3,
        values,
        messageId: snowflake(),
      });
    // The guild cap is spent by the test above; a minute from now only the member's own counts.
    await t.db.query(`UPDATE "${t.schema}".role_requests SET created_at = created_at - interval '2 minutes'`);
    const picks = [];
    for (let i = 0; i < 11; i++) picks.push(await pick(i % 2 === 0 ? [R.artist] : []));
    const last = picks[picks.length - 1];
    const update = await waitFor('the answer to the 11th pick', async () =>
      (await t.actions('interaction.update')).find((a) => a.id === `${last.id}:update`),
    );
    expect(update.data.content).toMatch(
      /^Too many role changes: at most 10 role requests per minute per member; try again in \d+ s\.$/,
    );
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM "${t.schema}".role_requests WHERE guild_id = $1 AND user_id = $2`,
      [GUILD, u],
    );
    expect(rows[0].n).toBe(10);
  });

  it('saving the reward table again supersedes the job still walking the members: one job runs per guild', async () => {
    for (let i = 0; i < MEMBERS_WITH_LEVELS; i++)
      await t.publish(domainSubject('xp', GUILD, 'level_reached'), 'xp.level_reached', GUILD, {
        userId: user(300 + i),
        level: 6,
        previousLevel: 5,
        totalXp: 3600,
      });
    await waitFor('levels known', async () => {
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM "${t.schema}".members WHERE guild_id = $1 AND level > 0`,
        [GUILD],
      );
      return rows[0].n === MEMBERS_WITH_LEVELS;
    });
    const save = async (roleId: string) => {
      const res = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
        mode: 'stack',
        rewards: [{ level: 5, roleIds: [roleId] }],
      });
      expect(res.status).toBe(202);
      return res.body.jobId as string;
    };
    const jobs: string[] = [];
    for (let i = 0; i < 5; i++) jobs.push(await save(i % 2 === 0 ? R.lvl5 : R.lvl10));
    const status = async (jobId: string) =>
      (await http('GET', `${base}/guilds/${GUILD}/rewards/jobs/${jobId}`, mod())).body;
    const newest = await waitFor('the newest job to finish', async () => {
      const j = await status(jobs[4]);
      return j.status === 'finished' && j;
    });
    expect(newest).toMatchObject({ done: MEMBERS_WITH_LEVELS, total: MEMBERS_WITH_LEVELS });
    for (const jobId of jobs.slice(0, 4)) {
      const j = await status(jobId);
      expect({ jobId, status: j.status }).toEqual({ jobId, status: 'superseded' });
      expect(j.done).toBeLessThan(MEMBERS_WITH_LEVELS);
    }
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM "${t.schema}".reward_jobs WHERE guild_id = $1 AND status = 'running'`,
      [GUILD],
    );
    expect(rows[0].n).toBe(0);
  });
});
