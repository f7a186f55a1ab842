import { discordSubject, domainSubject } from '@guildhall/contracts';
import { RunningRolesService, startRolesService } from '../src/app';
import { http, role, RolesTestEnv, waitFor } from './roles-test-env';

const GUILD = '100000000000000031';
const BOT = '900000000000000031';
const MOD = '510000000000000999';
const R = {
  bot: '310000000000000390',
  artist: '310000000000000311',
  lvl5: '310000000000000351',
  lvl10: '310000000000000352',
};

jest.setTimeout(60_000);

describe('roles service: history and restore of the catalog and the level rewards', () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let base: string;
  let category: string;
  const mod = () => t.token(GUILD, 'moderator', MOD);
  const call = (method: string, path: string, body?: unknown, token = mod()) =>
    http(method, `${base}/guilds/${GUILD}${path}`, token, body);
  const versions = (body: { versions: { version: number }[] }) => body.versions.map((v) => v.version);
  const texts = (v: { changes: { text: string }[] }) => v.changes.map((c) => c.text);

  beforeAll(async () => {
    await t.setup();
    svc = await startRolesService(t.env());
    base = `http://127.0.0.1:${svc.port}`;
    await t.publish(discordSubject(GUILD, 'guild.synced'), 'guild.synced', GUILD, {
      name: 'History guild',
      ownerId: MOD,
      botUserId: BOT,
      botRoleIds: [R.bot],
      memberCount: 3,
      roles: [
        role(GUILD, '@everyone', 0),
        role(R.bot, 'Guildhall', 20, { managed: true }),
        role(R.artist, 'Artist', 1),
        role(R.lvl5, 'Regular', 5),
        role(R.lvl10, 'Veteran', 6),
      ],
    });
    await waitFor('guild synced', async () => (await t.applied('roles-discord')) >= 1);
  });
  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it('every catalog edit is a version with who and what changed', async () => {
    expect((await call('GET', '/history/catalog')).body).toMatchObject({
      current: 0,
      versions: [{ version: 0, summary: 'Defaults', baseline: true }],
    });
    category = (await call('POST', '/catalog/categories', { name: 'Interests' })).body.id;
    expect((await call('POST', '/catalog/roles', { roleId: R.artist, categoryId: category })).status).toBe(
      201,
    );
    expect((await call('PUT', `/catalog/categories/${category}`, { name: 'Hobbies' })).status).toBe(200);
    expect(
      (
        await call(
          'DELETE',
          `/catalog/roles/${R.artist}`,
          undefined,
          t.token(GUILD, 'owner', '510000000000000998'),
        )
      ).status,
    ).toBe(204);

    const res = await call('GET', '/history/catalog');
    expect(res.status).toBe(200);
    expect(res.body.current).toBe(4);
    expect(versions(res.body)).toEqual([4, 3, 2, 1, 0]);
    const [v4, v3, v2, v1] = res.body.versions;
    expect(v4).toMatchObject({ by: '510000000000000998', summary: 'Role "Artist" removed from "Hobbies"' });
    expect(texts(v3)).toEqual(['category name "Interests" → "Hobbies"']);
    expect(texts(v2)).toEqual(['role "Artist" added to "Interests"']);
    expect(v1).toMatchObject({ by: MOD, summary: 'Category "Interests" added' });
  });

  it('restoring version 2 brings the old catalog back as version 5, live for members', async () => {
    const res = await call('POST', '/history/catalog/2/restore');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ setting: 'catalog', version: 5, restoredFrom: 2 });
    const catalog = await call('GET', '/catalog', undefined, t.token(GUILD, 'member', '510000000000000001'));
    expect(catalog.body.categories).toEqual([
      expect.objectContaining({
        id: category,
        name: 'Interests',
        roles: [expect.objectContaining({ roleId: R.artist, available: true })],
      }),
    ]);
    const history = await call('GET', '/history/catalog?limit=2');
    expect(versions(history.body)).toEqual([5, 4]);
    expect(history.body.versions[0]).toMatchObject({ restoredFrom: 2, by: MOD });
    expect(texts(history.body.versions[0])).toEqual([
      'category name "Hobbies" → "Interests"',
      'role "Artist" added to "Interests"',
    ]);
    expect(history.body.nextBefore).toBe(4);
  });

  it('level rewards: the diff names the roles, and a restore re-applies the old table to members', async () => {
    const member = '510000000000000010';
    const levelReached = (userId: string, previousLevel: number, level: number) =>
      t.publish(domainSubject('xp', GUILD, 'level_reached'), 'xp.level_reached', GUILD, {
        userId,
        level,
        previousLevel,
        totalXp: level * level * 100,
      });
    expect(
      (await call('PUT', '/rewards', { mode: 'stack', rewards: [{ level: 5, roleIds: [R.lvl5] }] })).body
        .version,
    ).toBe(1);
    expect(
      (await call('PUT', '/rewards', { mode: 'stack', rewards: [{ level: 5, roleIds: [R.lvl10] }] })).body
        .version,
    ).toBe(2);
    const history = await call('GET', '/history/rewards');
    expect(versions(history.body)).toEqual([2, 1, 0]);
    expect(texts(history.body.versions[0])).toEqual(['level 5 reward role Regular → role Veteran']);
    expect(texts(history.body.versions[1])).toEqual(['level 5 reward added: role Regular']);

    const res = await call('POST', '/history/rewards/1/restore');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 3,
      restoredFrom: 1,
      value: { mode: 'stack', rewards: [{ level: 5, roleIds: [R.lvl5] }], jobId: expect.any(String) },
    });
    await waitFor(
      'the re-application job to finish',
      async () => (await call('GET', `/rewards/jobs/${res.body.value.jobId}`)).body.status === 'finished',
    );
    expect((await call('GET', '/rewards')).body).toEqual({
      mode: 'stack',
      rewards: [{ level: 5, roleIds: [R.lvl5] }],
    });
    // Live: a member reaching level 5 now gets version 1's role, not version 2's.
    await levelReached(member, 4, 5);
    const granted = await waitFor(
      'the reward role',
      async () => (await t.roleActions(member)).length > 0 && t.roleActions(member),
    );
    expect(granted.map((a) => [a.type, a.data.roleId])).toEqual([['role.add', R.lvl5]]);
  });

  it('a restore that would offer a role the bot may no longer hand out is refused like the edit itself, and records nothing', async () => {
    expect((await call('DELETE', `/catalog/roles/${R.artist}`)).status).toBe(204);
    const applied = await t.applied('roles-discord');
    // Someone moves Artist above the bot's role in Discord.
    await t.publish(discordSubject(GUILD, 'role.upserted'), 'role.upserted', GUILD, {
      role: role(R.artist, 'Artist', 25),
    });
    await waitFor('the role move to be seen', async () => (await t.applied('roles-discord')) > applied);
    const res = await call('POST', '/history/catalog/5/restore');
    expect(res.status).toBe(409);
    expect(res.body.message).toEqual([
      expect.stringMatching(new RegExp(`^roles\\.${R.artist} \\(Artist\\): `)),
    ]);
    expect((await call('GET', '/history/catalog?limit=1')).body).toMatchObject({
      current: 6,
      versions: [{ version: 6 }],
    });
    expect((await call('GET', '/catalog')).body.categories[0].roles).toEqual([]);
  });

  it('members, other guilds, unknown versions and unknown settings are refused', async () => {
    expect((await call('GET', '/history/catalog', undefined, t.token(GUILD, 'member', MOD))).status).toBe(
      403,
    );
    expect(
      (await call('POST', '/history/rewards/1/restore', undefined, t.token(GUILD, 'member', MOD))).status,
    ).toBe(403);
    expect(
      (
        await call(
          'POST',
          '/history/catalog/1/restore',
          undefined,
          t.token('100000000000000032', 'moderator', MOD),
        )
      ).status,
    ).toBe(403);
    const unknown = await call('POST', '/history/catalog/77/restore');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('version 77 of catalog does not exist');
    expect((await call('POST', '/history/rewards/9/restore')).body.message).toBe(
      'version 9 of rewards does not exist',
    );
    expect((await call('GET', '/history/rules')).status).toBe(404);
    expect((await call('GET', '/history/catalog?before=x')).status).toBe(400);
  });
});
