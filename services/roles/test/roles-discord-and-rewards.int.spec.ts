import { commandSubject, componentSubject, discordSubject, domainSubject } from '@guildhall/contracts';
import { RunningRolesService, startRolesService } from '../src/app';
import { READ_MODELS, rebuildProjections } from '../src/projections/rebuild-projections';
import { http, role, RolesTestEnv, snowflake, waitFor } from './roles-test-env';

const GUILD = '100000000000000002';
const BOT = '900000000000000002';
const APP = '910000000000000001';
const R = {
  bot: '310000000000000090',
  artist: '310000000000000011',
  musician: '310000000000000012',
  red: '310000000000000021',
  blue: '310000000000000022',
  lvl5: '310000000000000051',
  lvl10: '310000000000000052',
  host: '310000000000000061',
};
const user = (i: number) => String(510000000000000000n + BigInt(i));

jest.setTimeout(60_000);

describe('roles service: /roles in Discord and level rewards', () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let base: string;
  const mod = () => t.token(GUILD, 'moderator', user(999));
  const cats: Record<string, string> = {};

  const interaction = (userId: string, roleIds: string[]) => ({
    interactionId: snowflake(),
    token: `tok-${snowflake()}`,
    applicationId: APP,
    userId,
    username: `u${userId}`,
    channelId: '210000000000000001',
    roleIds,
    permissions: '0',
  });
  const levelReached = (userId: string, previousLevel: number, level: number) =>
    t.publish(domainSubject('xp', GUILD, 'level_reached'), 'xp.level_reached', GUILD, {
      userId,
      level,
      previousLevel,
      totalXp: level * level * 100,
    });

  beforeAll(async () => {
    await t.setup();
    svc = await startRolesService(t.env());
    base = `http://127.0.0.1:${svc.port}`;
    await t.publish(discordSubject(GUILD, 'guild.synced'), 'guild.synced', GUILD, {
      name: 'Guild two',
      ownerId: user(999),
      botUserId: BOT,
      botRoleIds: [R.bot],
      memberCount: 5,
      roles: [
        role(GUILD, '@everyone', 0),
        role(R.bot, 'Guildhall', 20, { managed: true }),
        role(R.artist, 'Artist', 1),
        role(R.musician, 'Musician', 2),
        role(R.red, 'Red', 3),
        role(R.blue, 'Blue', 4),
        role(R.lvl5, 'Regular', 5),
        role(R.lvl10, 'Veteran', 6),
      ],
    });
    await waitFor('guild synced', async () => (await t.applied('roles-discord')) >= 1);
    cats.interests = (
      await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, mod(), { name: 'Interests' })
    ).body.id;
    cats.colours = (
      await http('POST', `${base}/guilds/${GUILD}/catalog/categories`, mod(), {
        name: 'Colours',
        exclusive: true,
        position: 1,
      })
    ).body.id;
    for (const [roleId, cat] of [
      [R.artist, 'interests'],
      [R.musician, 'interests'],
      [R.red, 'colours'],
      [R.blue, 'colours'],
    ])
      expect(
        (
          await http('POST', `${base}/guilds/${GUILD}/catalog/roles`, mod(), {
            roleId,
            categoryId: cats[cat],
          })
        ).status,
      ).toBe(201);
  });
  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it('a guild sync registers the /roles command', async () => {
    const [register] = await t.actions('commands.register');
    expect(register).toMatchObject({
      subject: `actions.${GUILD}.commands.register`,
      data: { owner: 'roles', commands: [{ name: 'roles' }] },
    });
  });

  it('/roles answers ephemerally with one picker per category, the member roles preselected', async () => {
    const u = user(1);
    const cmd = await t.publish(commandSubject(GUILD, 'roles'), 'interaction.command', GUILD, {
      ...interaction(u, [R.musician]),
      commandName: 'roles',
      options: [],
    });
    const reply = await waitFor('reply', async () =>
      (await t.actions('interaction.reply')).find((a) => a.id === `${cmd.id}:reply`),
    );
    expect(reply.data).toMatchObject({
      interactionId: cmd.data.interactionId,
      token: cmd.data.token,
      ephemeral: true,
      content: 'Choose your roles:',
    });
    const selects = (reply.data.components as Array<{ components: Array<Record<string, unknown>> }>).map(
      (row) => row.components[0],
    );
    expect(selects.map((s) => s.custom_id)).toEqual([
      `roles:pick:${cats.interests}`,
      `roles:pick:${cats.colours}`,
    ]);
    expect(selects[0].options).toEqual([
      expect.objectContaining({ value: R.artist, default: false }),
      expect.objectContaining({ value: R.musician, default: true }),
    ]);
    expect(selects[1]).toMatchObject({ max_values: 1 });
  });

  it('a /roles selection ends in exactly the role actions expected, and the picker says so', async () => {
    const u = user(2);
    const pick = await t.publish(componentSubject(GUILD, 'roles'), 'interaction.component', GUILD, {
      ...interaction(u, [R.musician]),
      customId: `roles:pick:${cats.interests}`,
      componentType: 3,
      values: [R.artist],
      messageId: snowflake(),
    });
    const update = await waitFor('update', async () =>
      (await t.actions('interaction.update')).find((a) => a.id === `${pick.id}:update`),
    );
    expect(update.data.content).toBe('Updating your roles: + Artist, − Musician');
    expect((await t.roleActions(u)).map((a) => [a.type, a.data.roleId])).toEqual([
      ['role.add', R.artist],
      ['role.remove', R.musician],
    ]);

    // The same interaction delivered again changes nothing.
    await t.publish(
      componentSubject(GUILD, 'roles'),
      'interaction.component',
      GUILD,
      pick.data,
      pick.id,
      pick.occurredAt,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.roleActions(u)).toHaveLength(2);
  });

  it('a /roles pick in an exclusive category swaps the colour', async () => {
    const u = user(3);
    const pick = await t.publish(componentSubject(GUILD, 'roles'), 'interaction.component', GUILD, {
      ...interaction(u, [R.red]),
      customId: `roles:pick:${cats.colours}`,
      componentType: 3,
      values: [R.blue],
      messageId: snowflake(),
    });
    await waitFor('update', async () =>
      (await t.actions('interaction.update')).some((a) => a.id === `${pick.id}:update`),
    );
    expect((await t.roleActions(u)).map((a) => [a.type, a.data.roleId])).toEqual([
      ['role.add', R.blue],
      ['role.remove', R.red],
    ]);
  });

  it('level rewards follow level-ups, and a changed table is re-applied to every member with progress', async () => {
    const put = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
      mode: 'stack',
      rewards: [
        { level: 5, roleIds: [R.lvl5] },
        { level: 10, roleIds: [R.lvl10] },
      ],
    });
    expect(put.status).toBe(202);
    expect(
      (await http('GET', `${base}/guilds/${GUILD}/rewards`, t.token(GUILD, 'member', user(1)))).body,
    ).toEqual({
      mode: 'stack',
      rewards: [
        { level: 5, roleIds: [R.lvl5] },
        { level: 10, roleIds: [R.lvl10] },
      ],
    });

    const [a, b, c] = [user(10), user(11), user(12)];
    await levelReached(a, 4, 5);
    await levelReached(b, 9, 10);
    await levelReached(c, 2, 3);
    await waitFor(
      'rewards granted',
      async () => (await t.roleActions(a)).length === 1 && (await t.roleActions(b)).length === 2,
    );
    expect((await t.roleActions(a)).map((x) => [x.type, x.data.roleId])).toEqual([['role.add', R.lvl5]]);
    expect((await t.roleActions(b)).map((x) => [x.type, x.data.roleId]).sort()).toEqual(
      [
        ['role.add', R.lvl10],
        ['role.add', R.lvl5],
      ].sort(),
    );
    // A level-up that crosses no rewarded level does nothing.
    await levelReached(a, 5, 6);
    await waitFor(
      'level known',
      async () => (await http('GET', `${base}/guilds/${GUILD}/members/${a}/roles`, mod())).body.level === 6,
    );
    expect(await t.roleActions(a)).toHaveLength(1);
    expect(await t.roleActions(c)).toEqual([]);

    // Let Discord confirm the grants so the re-application sees the roles the members hold.
    await t.publish(discordSubject(GUILD, 'member.updated'), 'member.updated', GUILD, {
      userId: a,
      roleIds: [R.lvl5],
    });
    await t.publish(discordSubject(GUILD, 'member.updated'), 'member.updated', GUILD, {
      userId: b,
      roleIds: [R.lvl5, R.lvl10],
    });
    for (const x of [...(await t.roleActions(a)), ...(await t.roleActions(b))])
      await t.publish(domainSubject('gateway', GUILD, 'action.done'), 'action.done', GUILD, {
        actionId: x.id,
        kind: x.type,
      });

    for (const u of [a, b])
      await waitFor('grants confirmed', async () => {
        const m = (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, mod())).body;
        return m.roles !== null && m.inFlight.length === 0;
      });

    // Now only the highest reward counts, and level 3 earns one too.
    const changed = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
      mode: 'highest',
      rewards: [
        { level: 3, roleIds: [R.artist] },
        { level: 5, roleIds: [R.lvl5] },
        { level: 10, roleIds: [R.lvl10] },
      ],
    });
    expect(changed.status).toBe(202);
    const job = await waitFor('job finished', async () => {
      const j = (await http('GET', `${base}/guilds/${GUILD}/rewards/jobs/${changed.body.jobId}`, mod())).body;
      return j.status === 'finished' && j;
    });
    expect(job).toEqual({ jobId: changed.body.jobId, status: 'finished', done: 3, total: 3 });
    const after = async (u: string, n: number) =>
      (await t.roleActions(u)).slice(n).map((x) => [x.type, x.data.roleId]);
    expect(await after(a, 1)).toEqual([]);
    expect(await after(b, 2)).toEqual([['role.remove', R.lvl5]]);
    expect(await after(c, 0)).toEqual([['role.add', R.artist]]);
    const reward = (
      await http('GET', `${base}/guilds/${GUILD}/members/${c}/requests`, t.token(GUILD, 'member', c))
    ).body.requests[0];
    expect(reward).toMatchObject({ origin: 'reward', status: 'pending', add: [R.artist] });
  });

  it('a table saved right after Discord confirmed a reward, before its member update arrives, does not ask Discord for that role again', async () => {
    const d = user(30);
    await t.publish(discordSubject(GUILD, 'member.updated'), 'member.updated', GUILD, {
      userId: d,
      roleIds: [],
    });
    await waitFor(
      'roles known',
      async () =>
        (await http('GET', `${base}/guilds/${GUILD}/members/${d}/roles`, mod())).body.roles !== null,
    );
    await levelReached(d, 4, 5);
    const [grant] = await waitFor('reward granted', async () => {
      const xs = await t.roleActions(d);
      return xs.length === 1 && xs;
    });
    expect([grant.type, grant.data.roleId]).toEqual(['role.add', R.lvl5]);
    // Discord answers 204; its GUILD_MEMBER_UPDATE is still on its way.
    await t.publish(domainSubject('gateway', GUILD, 'action.done'), 'action.done', GUILD, {
      actionId: grant.id,
      kind: grant.type,
    });
    const member = await waitFor('grant confirmed', async () => {
      const m = (await http('GET', `${base}/guilds/${GUILD}/members/${d}/roles`, mod())).body;
      return m.inFlight.length === 0 && m;
    });
    expect(member.roles).toEqual([R.lvl5]);

    const changed = await http('PUT', `${base}/guilds/${GUILD}/rewards`, mod(), {
      mode: 'highest',
      rewards: [
        { level: 3, roleIds: [R.artist] },
        { level: 5, roleIds: [R.lvl5, R.musician] },
        { level: 10, roleIds: [R.lvl10] },
      ],
    });
    expect(changed.status).toBe(202);
    await waitFor(
      'job finished',
      async () =>
        (await http('GET', `${base}/guilds/${GUILD}/rewards/jobs/${changed.body.jobId}`, mod())).body
          .status === 'finished',
    );
    expect((await t.roleActions(d)).map((x) => [x.type, x.data.roleId])).toEqual([
      ['role.add', R.lvl5],
      ['role.add', R.musician],
    ]);
  });

  it('a level reward given Mute and Move Members is not granted on level-up, and cannot be configured', async () => {
    const hostHas = async (permissions: string) => {
      await t.publish(discordSubject(GUILD, 'role.upserted'), 'role.upserted', GUILD, {
        role: role(R.host, 'Event host', 7, { permissions }),
      });
      await waitFor(`Event host with ${permissions}`, async () => {
        const { rows } = await t.db.query(
          `SELECT permissions FROM "${t.schema}".directory_roles WHERE guild_id = $1 AND role_id = $2`,
          [GUILD, R.host],
        );
        return rows[0]?.permissions === permissions;
      });
    };
    const table = (extra: { level: number; roleIds: string[] }[]) => ({
      mode: 'highest',
      rewards: [
        { level: 3, roleIds: [R.artist] },
        { level: 5, roleIds: [R.lvl5] },
        { level: 10, roleIds: [R.lvl10] },
        ...extra,
      ],
    });
    await hostHas('0');
    const put = await http(
      'PUT',
      `${base}/guilds/${GUILD}/rewards`,
      mod(),
      table([{ level: 20, roleIds: [R.host] }]),
    );
    expect(put.status).toBe(202);
    // An admin lets event hosts run voice events: mute, deafen and move people.
    const voiceModeration = String((1n << 22n) | (1n << 23n) | (1n << 24n));
    await hostHas(voiceModeration);

    const u = user(20);
    await levelReached(u, 19, 20);
    await waitFor(
      'level known',
      async () => (await http('GET', `${base}/guilds/${GUILD}/members/${u}/roles`, mod())).body.level === 20,
    );
    // 'highest' mode takes the lower rewards away; the dangerous one is simply not given.
    expect((await t.roleActions(u)).filter((a) => a.type === 'role.add')).toEqual([]);

    const again = await http(
      'PUT',
      `${base}/guilds/${GUILD}/rewards`,
      mod(),
      table([{ level: 25, roleIds: [R.host] }]),
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toEqual([
      `rewards[3].roleIds: ${R.host}: Event host grants dangerous permissions (Mute Members, Deafen Members, Move Members)`,
    ]);
  });

  it('channels created and deleted in Discord appear in the directory under their category', async () => {
    const cat = '600000000000000001';
    const chat = '600000000000000002';
    const gone = '600000000000000003';
    await t.publish(discordSubject(GUILD, 'channel.upserted'), 'channel.upserted', GUILD, {
      channel: { id: cat, name: 'Community', type: 4, position: 0 },
    });
    for (const [id, name] of [
      [chat, 'general'],
      [gone, 'old'],
    ])
      await t.publish(discordSubject(GUILD, 'channel.upserted'), 'channel.upserted', GUILD, {
        channel: { id, name, type: 0, position: 1, parentId: cat },
      });
    const channelsShown = (n: number) =>
      waitFor(`${n} channels in the directory`, async () => {
        const res = await http('GET', `${base}/guilds/${GUILD}/directory`, mod());
        const names = res.body.categories?.flatMap((c: { channels: { name: string }[] }) =>
          c.channels.map((ch) => ch.name),
        );
        return names?.length === n && res.body;
      });
    // Deleted only once both are shown: NATS 2.9 does not order one consumer's different subjects.
    await channelsShown(2);
    await t.publish(discordSubject(GUILD, 'channel.deleted'), 'channel.deleted', GUILD, { channelId: gone });
    const directory = await channelsShown(1);
    expect(directory.categories).toEqual([
      {
        id: cat,
        name: 'Community',
        channels: [{ id: chat, name: 'general', type: 0, categoryId: cat, categoryName: 'Community' }],
      },
    ]);
  });

  it('the read models rebuilt from roles_events equal the live ones', async () => {
    // Volatile scheduling columns (sent_at) are wall-clock by design and left out.
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of READ_MODELS) {
        const { rows } = await t.db.query(`SELECT * FROM "${t.schema}".${table}`);
        out[table] = rows.map((r) => JSON.stringify({ ...r, sent_at: undefined })).sort();
      }
      return out;
    };
    await new Promise((r) => setTimeout(r, 300));
    const before = await snapshot();
    await t.db.query('BEGIN');
    await rebuildProjections(t.db, t.schema);
    await t.db.query('COMMIT');
    expect(await snapshot()).toEqual(before);
  });
});
