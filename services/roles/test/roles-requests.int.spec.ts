import { discordSubject, domainSubject } from '@guildhall/contracts';
import { RunningRolesService, startRolesService } from '../src/app';
import { http, role, RolesTestEnv, snowflake, tick, waitFor } from './roles-test-env';

const GUILD = '100000000000000001';
const BOT = '900000000000000001';
const R = {
  bot: '300000000000000090',
  artist: '300000000000000011',
  musician: '300000000000000012',
  writer: '300000000000000013',
  red: '300000000000000021',
  blue: '300000000000000022',
  veteran: '300000000000000031',
  verified: '300000000000000032',
  staff: '300000000000000040',
  integration: '300000000000000041',
  admins: '300000000000000042',
  banners: '300000000000000043',
  kickers: '300000000000000044',
  unlisted: '300000000000000045',
  announcer: '300000000000000046',
};
const MANAGE_MESSAGES = String(1n << 13n);
const MENTION_EVERYONE = String(1n << 17n);
const user = (i: number) => String(500000000000000000n + BigInt(i));

jest.setTimeout(60_000);

describe('roles service: requests from the web, checks, sync with Discord', () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let base: string;
  const mod = () => t.token(GUILD, 'moderator', user(999));
  const as = (userId: string) => t.token(GUILD, 'member', userId);
  const categories: Record<string, string> = {};

  const request = (userId: string, body: unknown, token = as(userId)) =>
    http('POST', `${base}/guilds/${GUILD}/members/${userId}/requests`, token, body);
  const result = (kind: 'done' | 'failed', actionId: string, extra: Record<string, unknown> = {}) =>
    t.publish(domainSubject('gateway', GUILD, `action.${kind}`), `action.${kind}`, GUILD, {
      actionId,
      kind: 'role.add',
      ...extra,
    });
  const memberUpdated = (userId: string, roleIds: string[]) =>
    t.publish(discordSubject(GUILD, 'member.updated'), 'member.updated', GUILD, { userId, roleIds });
  const requestStatus = async (userId: string, requestId: string) =>
    (
      await http(
        'GET',
        `${base}/guilds/${GUILD}/members/${userId}/requests/${encodeURIComponent(requestId)}`,
        as(userId),
      )
    ).body;

  beforeAll(async () => {
    await t.setup();
    svc = await startRolesService(t.env());
    base = `http://127.0.0.1:${svc.port}`;
    await t.publish(discordSubject(GUILD, 'guild.synced'), 'guild.synced', GUILD, {
      name: 'Test guild',
      ownerId: user(999),
      botUserId: BOT,
      botRoleIds: [R.bot],
      memberCount: 10,
      roles: [
        role(GUILD, '@everyone', 0),
        role(R.bot, 'Guildhall', 20, { managed: true }),
        role(R.artist, 'Artist', 1),
        role(R.musician, 'Musician', 2),
        role(R.writer, 'Writer', 3),
        role(R.red, 'Red', 4),
        role(R.blue, 'Blue', 5),
        role(R.veteran, 'Veteran', 6),
        role(R.verified, 'Verified', 7),
        role(R.staff, 'Staff', 25),
        role(R.integration, 'Integration', 8, { managed: true }),
        role(R.admins, 'Admins', 9, { permissions: '8' }),
        role(R.banners, 'Banners', 10),
        role(R.kickers, 'Kickers', 11),
        role(R.unlisted, 'Unlisted', 12),
      ],
    });
    await waitFor(
      'guild roles',
      async () =>
        (await http('GET', `${base}/guilds/${GUILD}/catalog`, mod())).status === 200 &&
        (await t.applied('roles-discord')) >= 1,
    );
    for (const [key, body] of Object.entries({
      interests: { name: 'Interests', maxRoles: 2 },
      colours: { name: 'Colours', exclusive: true, position: 1 },
      perks: { name: 'Perks', position: 2 },
    })) {
      const res = await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, mod(), body);
      expect(res.status).toBe(201);
      categories[key] = res.body.id;
    }
    const entries: Array<[string, string, Record<string, unknown>]> = [
      [R.artist, 'interests', { description: 'Draws things', emoji: '🎨' }],
      [R.musician, 'interests', {}],
      [R.writer, 'interests', {}],
      [R.red, 'colours', {}],
      [R.blue, 'colours', {}],
      [R.veteran, 'perks', { minLevel: 5 }],
      [R.verified, 'perks', { requiresRules: true }],
      [R.banners, 'perks', {}],
      [R.kickers, 'perks', {}],
    ];
    for (const [roleId, cat, extra] of entries) {
      const res = await http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), {
        roleId,
        categoryId: categories[cat],
        ...extra,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it('the catalog refuses roles the bot must never hand out, naming why', async () => {
    const add = (roleId: string) =>
      http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), { roleId, categoryId: categories.perks });
    expect((await add(R.staff)).body.message).toMatch(/at or above the bot/);
    expect((await add(R.integration)).body.message).toMatch(/managed/);
    expect((await add(R.admins)).body.message).toMatch(/Administrator/);
    expect((await add(R.admins)).status).toBe(409);
    const catalog = await http('GET', `${base}/guilds/${GUILD}/catalog`, as(user(1)));
    expect(catalog.status).toBe(200);
    expect(catalog.body.categories.map((c: { name: string }) => c.name)).toEqual([
      'Interests',
      'Colours',
      'Perks',
    ]);
    expect(catalog.body.categories[0].roles[0]).toMatchObject({
      roleId: R.artist,
      label: 'Artist',
      emoji: '🎨',
      available: true,
    });
  });

  it('a web request ends in exactly one role.add, pending until the gateway reports it done', async () => {
    const u = user(1);
    const res = await request(u, { add: [R.artist] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'pending',
      requestIds: [res.body.requestId],
      operations: [{ roleId: R.artist, kind: 'add' }],
    });
    const actions = await t.roleActions(u);
    expect(actions).toEqual([
      {
        subject: `actions.${GUILD}.role.add`,
        id: expect.any(String),
        type: 'role.add',
        data: expect.objectContaining({ userId: u, roleId: R.artist }),
      },
    ]);
    expect((await requestStatus(u, res.body.requestId)).status).toBe('pending');

    await result('done', actions[0].id);
    await waitFor(
      'request applied',
      async () => (await requestStatus(u, res.body.requestId)).status === 'applied',
    );
    const applied = await t.domainEvents('roles.request_applied');
    expect(applied.map((e) => e.data)).toContainEqual({
      requestId: res.body.requestId,
      userId: u,
      origin: 'web',
    });
    // The action really left through the outbox onto ACTIONS.
    await waitFor('action on ACTIONS', async () =>
      (await t.readStream('ACTIONS')).some((m) => m.envelope.id === actions[0].id),
    );
  });

  it('picking another colour in an exclusive group swaps: remove the old, add the new', async () => {
    const u = user(2);
    await memberUpdated(u, [R.red]);
    await waitFor(
      'member roles known',
      async () =>
        (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(u))).body.roles?.length === 1,
    );
    const res = await request(u, { add: [R.blue] });
    expect(res.status).toBe(202);
    const actions = (await t.roleActions(u)).map((a) => [a.type, a.data.roleId]);
    expect(actions).toEqual([
      ['role.add', R.blue],
      ['role.remove', R.red],
    ]);
  });

  it('refuses, with its reason and no action, roles above the bot, managed, dangerous, or not in the catalog', async () => {
    const u = user(3);
    // Kickers and Banners were safe when catalogued; Discord later gave them moderation powers.
    await t.publish(discordSubject(GUILD, 'role.upserted'), 'role.upserted', GUILD, {
      role: role(R.banners, 'Banners', 10, { permissions: '4' }),
    });
    await t.publish(discordSubject(GUILD, 'role.upserted'), 'role.upserted', GUILD, {
      role: role(R.kickers, 'Kickers', 11, { permissions: '2' }),
    });
    await waitFor('roles updated', async () => {
      const perks = (await http('GET', `${base}/guilds/${GUILD}/catalog`, as(u))).body.categories[2];
      return perks.roles.filter((r: { available: boolean }) => !r.available).length === 2;
    });
    const cases: Array<[string, RegExp]> = [
      [R.staff, /Staff is at or above the bot's highest role/],
      [R.integration, /Integration is managed by an integration/],
      [R.admins, /Admins grants dangerous permissions \(Administrator\)/],
      [R.banners, /Banners grants dangerous permissions \(Ban Members\)/],
      [R.kickers, /Kickers grants dangerous permissions \(Kick Members\)/],
      [R.unlisted, /not in the self-assignable catalog/],
    ];
    for (const [roleId, reason] of cases) {
      const res = await request(u, { add: [roleId] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        status: 'refused',
        refusals: [{ roleId, reason: expect.stringMatching(reason) }],
      });
    }
    expect(await t.roleActions(u)).toEqual([]);
    const listed = await http('GET', `${base}/guilds/${GUILD}/members/${u}/requests`, as(u));
    expect(listed.body.requests).toHaveLength(cases.length);
    expect(listed.body.requests.every((r: { status: string }) => r.status === 'refused')).toBe(true);
    expect((await t.domainEvents('roles.request_refused')).length).toBeGreaterThanOrEqual(cases.length);
  });

  it('requirements are learned from xp.level_reached and onboarding.rules_agreed', async () => {
    const u = user(4);
    expect((await request(u, { add: [R.veteran] })).body.refusals[0].reason).toBe(
      'Veteran requires level 5 (you are level 0)',
    );
    expect((await request(u, { add: [R.verified] })).body.refusals[0].reason).toBe(
      'Verified requires agreeing to the server rules first',
    );
    await t.publish(domainSubject('xp', GUILD, 'level_reached'), 'xp.level_reached', GUILD, {
      userId: u,
      level: 5,
      previousLevel: 4,
      totalXp: 2500,
    });
    await t.publish(domainSubject('onboarding', GUILD, 'rules_agreed'), 'onboarding.rules_agreed', GUILD, {
      userId: u,
      rulesVersion: 1,
      agreedAt: tick(),
    });
    await waitFor('level and rules known', async () => {
      const m = (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(u))).body;
      return m.level === 5 && m.rulesAgreed;
    });
    const res = await request(u, { add: [R.veteran, R.verified] });
    expect(res.status).toBe(202);
    expect((await t.roleActions(u)).map((a) => a.data.roleId).sort()).toEqual([R.veteran, R.verified].sort());
  });

  it('a retryable failure is retried with backoff, then reported as failed with the reason', async () => {
    const u = user(5);
    const res = await request(u, { add: [R.writer] });
    expect(res.status).toBe(202);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const actions = await waitFor(`attempt ${attempt}`, async () => {
        const a = await t.roleActions(u);
        return a.length === attempt && a;
      });
      expect(actions[attempt - 1].id).toMatch(new RegExp(`#${attempt}$`));
      if (attempt < 3) expect((await requestStatus(u, res.body.requestId)).status).toBe('pending');
      await result('failed', actions[attempt - 1].id, {
        httpStatus: 500,
        error: 'Internal Server Error',
        retryable: true,
      });
    }
    const failed = await waitFor('request failed', async () => {
      const r = await requestStatus(u, res.body.requestId);
      return r.status === 'failed' && r;
    });
    expect(failed.problems).toEqual([
      { roleId: R.writer, reason: 'HTTP 500: Internal Server Error (gave up after 3 attempts)' },
    ]);
    expect(failed.operations).toEqual([
      expect.objectContaining({ roleId: R.writer, status: 'failed', attempts: 3 }),
    ]);
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.roleActions(u)).toHaveLength(3);
    const events = await t.domainEvents('roles.request_failed');
    expect(events.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ requestId: res.body.requestId, failures: failed.problems }),
    );
    // The failed wish is dropped: the member does not show a role they never got.
    const roles = (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(u))).body;
    expect(roles.desired).toEqual([expect.objectContaining({ roleId: R.writer, want: false })]);
  });

  it('a permanent failure is not retried', async () => {
    const u = user(6);
    const res = await request(u, { add: [R.musician] });
    const [action] = await t.roleActions(u);
    await result('failed', action.id, { httpStatus: 403, error: 'Missing Permissions', retryable: false });
    await waitFor('failed', async () => (await requestStatus(u, res.body.requestId)).status === 'failed');
    expect(await t.roleActions(u)).toHaveLength(1);
  });

  it('a role removed by hand is reflected, not fought; with enforce it is put back', async () => {
    const u = user(7);
    const res = await request(u, { add: [R.artist] });
    const [action] = await t.roleActions(u);
    await result('done', action.id);
    await waitFor('applied', async () => (await requestStatus(u, res.body.requestId)).status === 'applied');
    await memberUpdated(u, [R.artist]);
    await memberUpdated(u, []);
    await waitFor('desired follows Discord', async () => {
      const m = (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(u))).body;
      return m.desired.some((d: { roleId: string; want: boolean }) => d.roleId === R.artist && !d.want);
    });
    expect(await t.roleActions(u)).toHaveLength(1);

    expect((await http('PUT', `${base}/guilds/${GUILD}/settings`, mod(), { enforce: true })).status).toBe(
      200,
    );
    const again = await request(u, { add: [R.artist] });
    const second = (await t.roleActions(u))[1];
    await result('done', second.id);
    await waitFor(
      'applied again',
      async () => (await requestStatus(u, again.body.requestId)).status === 'applied',
    );
    await memberUpdated(u, []);
    const put = await waitFor('role put back', async () => {
      const a = await t.roleActions(u);
      return a.length === 3 && a[2];
    });
    expect(put).toMatchObject({ type: 'role.add', data: { userId: u, roleId: R.artist } });
    await http('PUT', `${base}/guilds/${GUILD}/settings`, mod(), { enforce: false });
  });

  it('the catalog and the rewards refuse a role the server does not have with a 400 naming the field and the id', async () => {
    const ghost = '300000000000000999';
    const add = await http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), {
      roleId: ghost,
      categoryId: categories.perks,
    });
    expect(add.status).toBe(400);
    expect(add.body.message).toEqual([`roleId: role ${ghost} is not a role of this server`]);
    const rewards = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
      mode: 'stack',
      rewards: [
        { level: 5, roleIds: [R.artist] },
        { level: 10, roleIds: [ghost] },
      ],
    });
    expect(rewards.status).toBe(400);
    expect(rewards.body.message).toEqual([`rewards[1].roleIds: role ${ghost} is not a role of this server`]);
    const other = '100000000000000077';
    const unsynced = await http(
      'PUT',
      `${base}/guilds/${other}/rewards`,
      t.token(other, 'moderator', user(999)),
      {
        mode: 'stack',
        rewards: [{ level: 5, roleIds: [R.artist] }],
      },
    );
    expect(unsynced.status).toBe(400);
    expect(unsynced.body.message[0]).toMatch(/^rewards\[0\].roleIds: this server's roles are not known yet/);
  });

  it('moderators read the directory: every role highest first, the unsafe ones with the reason', async () => {
    const res = await http('GET', `${base}/guilds/${GUILD}/directory`, mod());
    expect(res.status).toBe(200);
    const byId = new Map(res.body.roles.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(R.artist)).toMatchObject({ assignable: true });
    expect(byId.get(R.staff)).toMatchObject({
      assignable: false,
      reason: expect.stringMatching(/at or above the bot/),
    });
    expect(byId.get(R.admins)).toMatchObject({
      assignable: false,
      reason: expect.stringMatching(/Administrator/),
    });
    expect(byId.has(GUILD)).toBe(false);
    const positions = res.body.roles.map((r: { position: number }) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect((await http('GET', `${base}/guilds/${GUILD}/directory`, as(user(1)))).status).toBe(403);
  });

  it('HTTP: members act only on themselves, moderators own the catalog, bad input is a 400 naming the field', async () => {
    const u = user(8);
    expect((await request(u, { add: [R.artist] }, as(user(9)))).status).toBe(403);
    expect((await request(u, { add: [R.artist] }, mod())).status).toBe(403);
    expect((await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, mod())).status).toBe(200);
    expect((await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(user(9)))).status).toBe(403);
    expect(
      (await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, as(u), { name: 'X' })).status,
    ).toBe(403);
    expect(
      (await http('PUT', `${base}/guilds/${GUILD}/rewards`, as(u), { mode: 'stack', rewards: [] })).status,
    ).toBe(403);
    expect((await http('GET', `${base}/guilds/${GUILD}/catalog`)).status).toBe(401);

    const bad = await request(u, { add: ['not-a-role'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/add/);
    const empty = await request(u, {});
    expect(empty.status).toBe(400);
    const cat = await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, mod(), {
      name: 'X',
      maxRoles: 0,
    });
    expect(cat.status).toBe(400);
    expect(JSON.stringify(cat.body.message)).toMatch(/maxRoles/);
    const rewards = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
      mode: 'sometimes',
      rewards: [],
    });
    expect(JSON.stringify(rewards.body.message)).toMatch(/mode/);

    // Same Idempotency-Key, same request: one set of actions.
    const first = await request(u, { add: [R.writer] });
    expect(first.status).toBe(202);
    const key = snowflake();
    const a = await http(
      'POST',
      `${base}/guilds/${GUILD}/members/${u}/requests`,
      as(u),
      { add: [R.musician] },
      { 'idempotency-key': key },
    );
    const b = await http(
      'POST',
      `${base}/guilds/${GUILD}/members/${u}/requests`,
      as(u),
      { add: [R.musician] },
      { 'idempotency-key': key },
    );
    expect(a.body.requestId).toBe(b.body.requestId);
    expect((await t.roleActions(u)).filter((x) => x.data.roleId === R.musician)).toHaveLength(1);
  });

  /** Discord changed a role; resolves once the service holds its new permissions. */
  const roleChanged = async (roleId: string, name: string, position: number, permissions: string) => {
    await t.publish(discordSubject(GUILD, 'role.upserted'), 'role.upserted', GUILD, {
      role: role(roleId, name, position, { permissions }),
    });
    await waitFor(`${name} has permissions ${permissions}`, async () => {
      const { rows } = await t.db.query(
        `SELECT permissions FROM "${t.schema}".directory_roles WHERE guild_id = $1 AND role_id = $2`,
        [GUILD, roleId],
      );
      return rows[0]?.permissions === permissions;
    });
  };

  it('a catalog role that gains Mention Everyone is refused to members: they cannot mass-ping the server', async () => {
    await roleChanged(R.announcer, 'Announcer', 13, '0');
    const added = await http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), {
      roleId: R.announcer,
      categoryId: categories.perks,
    });
    expect(added.status).toBe(201);
    await roleChanged(R.announcer, 'Announcer', 13, MENTION_EVERYONE);
    const u = user(20);
    const res = await request(u, { add: [R.announcer] });
    expect(res.body).toMatchObject({
      status: 'refused',
      refusals: [
        { roleId: R.announcer, reason: 'Announcer grants dangerous permissions (Mention Everyone)' },
      ],
    });
    expect(res.status).toBe(409);
    expect(await t.roleActions(u)).toEqual([]);
  });

  it('a retry does not grant a role an admin made dangerous after the request: the request fails with the reason', async () => {
    const u = user(21);
    const res = await request(u, { add: [R.red] });
    expect(res.status).toBe(202);
    const [first] = await t.roleActions(u);
    await roleChanged(R.red, 'Red', 4, MANAGE_MESSAGES);
    await result('failed', first.id, { httpStatus: 500, error: 'Internal Server Error', retryable: true });
    const settled = await waitFor('the retry decided', async () => {
      const r = await requestStatus(u, res.body.requestId);
      return (r.status === 'failed' || (await t.roleActions(u)).length > 1) && r;
    });
    expect(await t.roleActions(u)).toHaveLength(1);
    expect(settled).toMatchObject({
      status: 'failed',
      problems: [
        {
          roleId: R.red,
          reason: expect.stringMatching(/Red grants dangerous permissions \(Manage Messages\)/),
        },
      ],
    });
  });

  it('enforcement does not put back a role that became dangerous when a moderator takes it away in Discord', async () => {
    const u = user(22);
    expect((await http('PUT', `${base}/guilds/${GUILD}/settings`, mod(), { enforce: true })).status).toBe(
      200,
    );
    try {
      const res = await request(u, { add: [R.blue] });
      const [granted] = await t.roleActions(u);
      await result('done', granted.id);
      await waitFor('applied', async () => (await requestStatus(u, res.body.requestId)).status === 'applied');
      await memberUpdated(u, [R.blue]);
      // Blue is given Manage Messages; the member abuses it and a moderator removes it by hand.
      await roleChanged(R.blue, 'Blue', 5, MANAGE_MESSAGES);
      await memberUpdated(u, []);
      const desired = async () =>
        (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, as(u))).body.desired as Array<{
          roleId: string;
          want: boolean;
        }>;
      await waitFor(
        'the removal handled',
        async () =>
          (await t.roleActions(u)).length > 1 ||
          (await desired()).some((d) => d.roleId === R.blue && !d.want),
      );
      expect((await t.roleActions(u)).map((a) => [a.type, a.data.roleId])).toEqual([['role.add', R.blue]]);
      const enforced = (await http('GET', `${base}/guilds/${GUILD}/members/${u}/requests`, as(u))).body
        .requests[0];
      expect(enforced).toMatchObject({
        origin: 'enforce',
        status: 'failed',
        problems: [{ roleId: R.blue, reason: expect.stringMatching(/Blue grants dangerous permissions/) }],
      });
    } finally {
      await http('PUT', `${base}/guilds/${GUILD}/settings`, mod(), { enforce: false });
    }
  });
});
