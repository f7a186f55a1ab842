import 'reflect-metadata';
import { DiscordSimulator, type GuildView } from '@guildhall/discord-sim';
import { startService, type RunningService } from '@guildhall/harness';
import { RunningRolesService, startRolesService } from '../src/app';
import { http, Json, RolesTestEnv, waitFor } from './roles-test-env';

jest.setTimeout(120_000);

/** Simulator + gateway + roles in one process, on a private schema pair and event namespace. */
describe('roles through the gateway and the Discord simulator', () => {
  const t = new RolesTestEnv();
  let sim: DiscordSimulator;
  let gateway: RunningService;
  let roles: RunningRolesService;
  let xp: RunningService;
  let base: string;
  let guild: GuildView;
  let channelId: string;
  const byName: Record<string, string> = {};
  let interests: string;
  const mod = () => t.token(guild.id, 'moderator', guild.ownerId);

  const putCalls = (userId: string, roleId: string) =>
    sim.calls({ method: 'PUT', path: `/guilds/${guild.id}/members/${userId}/roles/${roleId}` });
  const status = async (userId: string, requestId: string): Promise<Json> =>
    (
      await http(
        'GET',
        `${base}/guilds/${guild.id}/members/${userId}/requests/${encodeURIComponent(requestId)}`,
        t.token(guild.id, 'member', userId),
      )
    ).body;
  const memberRoles = (userId: string) => sim.getMember(guild.id, userId).roles;

  beforeAll(async () => {
    await t.setup();
    sim = new DiscordSimulator({ port: 0 });
    await sim.start();
    guild = sim.createGuild({
      name: 'Roles E2E',
      channels: ['general'],
      roles: [
        { name: 'Artist' },
        { name: 'Musician' },
        { name: 'Writer' },
        { name: 'Red' },
        { name: 'Blue' },
        { name: 'Regular' },
        { name: 'Chatter' },
        { name: 'Unlisted' },
        { name: 'Staff', aboveBot: true },
        { name: 'Integration', managed: true },
        { name: 'Admins', permissions: '8' },
        { name: 'Banners', permissions: '4' },
        { name: 'Kickers', permissions: '2' },
      ],
    });
    channelId = guild.channels[0].id;
    for (const r of guild.roles) byName[r.name] = r.id;
    gateway = await startService(
      'gateway',
      t.env({ DB_SCHEMA: `${t.schema}_gw`, DISCORD_TOKEN: sim.botToken, DISCORD_API_URL: sim.apiUrl }),
    );
    roles = await startRolesService(t.env({ ROLES_RETRY_BASE_MS: '200' }));
    // xp too, so level rewards follow real chat: messages → xp.level_reached → roles → Discord.
    xp = await startService('xp', t.env({ DB_SCHEMA: `${t.schema}_xp` }));
    base = `http://127.0.0.1:${roles.port}`;
    // The gateway announces the guild; the roles service learns its roles from guild.synced.
    interests = await waitFor('catalog writable', async () => {
      const res = await http('POST', `${base}/guilds/${guild.id}/catalog/categories`, mod(), {
        name: 'Interests',
      });
      return res.status === 201 && (res.body.id as string);
    });
    for (const name of ['Artist', 'Musician', 'Writer'])
      await waitFor(
        `${name} catalogued`,
        async () =>
          (
            await http('POST', `${base}/guilds/${guild.id}/catalog/roles`, mod(), {
              roleId: byName[name],
              categoryId: interests,
            })
          ).status === 201,
      );
  });
  afterAll(async () => {
    await xp?.stop();
    await roles?.stop();
    await gateway?.stop();
    for (const schema of [`${t.schema}_gw`, `${t.schema}_xp`])
      await t.db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await t.cleanup();
    await sim?.stop();
  });

  it('a web request ends in exactly one PUT at Discord and the member holds the role', async () => {
    const ada = sim.addMember(guild.id, { username: 'ada' }).user!.id;
    const res = await http(
      'POST',
      `${base}/guilds/${guild.id}/members/${ada}/requests`,
      t.token(guild.id, 'member', ada),
      { add: [byName.Artist] },
    );
    expect(res.status).toBe(202);
    await waitFor('applied', async () => (await status(ada, res.body.requestId)).status === 'applied');
    expect(putCalls(ada, byName.Artist)).toHaveLength(1);
    expect(memberRoles(ada)).toContain(byName.Artist);
  });

  it('/roles opens the picker; a selection ends in a PUT and an updated picker', async () => {
    const bob = sim.addMember(guild.id, { username: 'bob' }).user!.id;
    const opened = await sim.runCommand({ guildId: guild.id, channelId, userId: bob, name: 'roles' });
    expect(opened.callback?.data).toMatchObject({ content: 'Choose your roles:', flags: 64 });
    const picker = opened.original!;
    const picked = await sim.clickComponent({
      guildId: guild.id,
      channelId,
      userId: bob,
      messageId: picker.id,
      customId: `roles:pick:${interests}`,
      componentType: 3,
      values: [byName.Musician],
    });
    expect(picked.callback).toMatchObject({ type: 7, data: { content: 'Updating your roles: + Musician' } });
    await waitFor('role held', async () => memberRoles(bob).includes(byName.Musician));
    expect(putCalls(bob, byName.Musician)).toHaveLength(1);
  });

  it('a REST 500 is retried by the service and, when it persists, reported as failed', async () => {
    const cy = sim.addMember(guild.id, { username: 'cy' }).user!.id;
    sim.injectFault({ method: 'PUT', path: `/members/${cy}/roles/`, status: 500, count: 1000 });
    const res = await http(
      'POST',
      `${base}/guilds/${guild.id}/members/${cy}/requests`,
      t.token(guild.id, 'member', cy),
      { add: [byName.Writer] },
    );
    expect(res.status).toBe(202);
    const failed = await waitFor(
      'failed',
      async () => {
        const s = await status(cy, res.body.requestId);
        return s.status === 'failed' && s;
      },
      60_000,
    );
    sim.clearFaults();
    expect(failed.operations[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.problems[0].reason).toMatch(/500/);
    // Each of the service's attempts reached Discord (discord.js may retry a 5xx on its own, too).
    expect(putCalls(cy, byName.Writer).length).toBeGreaterThanOrEqual(3);
    expect(memberRoles(cy)).not.toContain(byName.Writer);
  });

  it('a transient REST 500 is retried and then applied', async () => {
    const di = sim.addMember(guild.id, { username: 'di' }).user!.id;
    sim.injectFault({ method: 'PUT', path: `/members/${di}/roles/`, status: 500, count: 1000 });
    const res = await http(
      'POST',
      `${base}/guilds/${guild.id}/members/${di}/requests`,
      t.token(guild.id, 'member', di),
      { add: [byName.Artist] },
    );
    await waitFor(
      'retrying',
      async () => (await status(di, res.body.requestId)).operations[0]?.status === 'retrying',
      60_000,
    );
    sim.clearFaults();
    const applied = await waitFor(
      'applied',
      async () => {
        const s = await status(di, res.body.requestId);
        return s.status === 'applied' && s;
      },
      60_000,
    );
    expect(applied.operations[0].attempts).toBeGreaterThanOrEqual(2);
    expect(memberRoles(di)).toContain(byName.Artist);
  });

  const ask = (userId: string, body: unknown) =>
    http(
      'POST',
      `${base}/guilds/${guild.id}/members/${userId}/requests`,
      t.token(guild.id, 'member', userId),
      body,
    );
  const deleteCalls = (userId: string, roleId: string) =>
    sim.calls({ method: 'DELETE', path: `/guilds/${guild.id}/members/${userId}/roles/${roleId}` });

  it('picking another colour in an exclusive group swaps at Discord: DELETE the old, PUT the new', async () => {
    const colours = (
      await http('POST', `${base}/guilds/${guild.id}/catalog/categories`, mod(), {
        name: 'Colours',
        exclusive: true,
      })
    ).body.id;
    for (const name of ['Red', 'Blue'])
      expect(
        (
          await http('POST', `${base}/guilds/${guild.id}/catalog/roles`, mod(), {
            roleId: byName[name],
            categoryId: colours,
          })
        ).status,
      ).toBe(201);
    const eve = sim.addMember(guild.id, { username: 'eve' }).user!.id;
    const red = await ask(eve, { add: [byName.Red] });
    await waitFor('red applied', async () => (await status(eve, red.body.requestId)).status === 'applied');
    const blue = await ask(eve, { add: [byName.Blue] });
    await waitFor('blue applied', async () => (await status(eve, blue.body.requestId)).status === 'applied');
    await waitFor(
      'holds Blue only',
      async () => memberRoles(eve).includes(byName.Blue) && !memberRoles(eve).includes(byName.Red),
    );
    expect(putCalls(eve, byName.Red)).toHaveLength(1);
    expect(deleteCalls(eve, byName.Red)).toHaveLength(1);
    expect(putCalls(eve, byName.Blue)).toHaveLength(1);
  });

  it('refuses roles above the bot, managed, with Administrator, Ban or Kick, or not in the catalog: a reason each, no call at Discord', async () => {
    const fin = sim.addMember(guild.id, { username: 'fin' }).user!.id;
    const cases: Array<[string, RegExp]> = [
      ['Staff', /Staff is at or above the bot's highest role/],
      ['Integration', /Integration is managed by an integration/],
      ['Admins', /Admins grants dangerous permissions \(Administrator\)/],
      ['Banners', /Banners grants dangerous permissions \(Ban Members\)/],
      ['Kickers', /Kickers grants dangerous permissions \(Kick Members\)/],
      ['Unlisted', /not in the self-assignable catalog/],
    ];
    for (const [name, reason] of cases) {
      const res = await ask(fin, { add: [byName[name]] });
      expect(res.status).toBe(409);
      expect(res.body.refusals).toEqual([
        expect.objectContaining({ roleId: byName[name], reason: expect.stringMatching(reason) }),
      ]);
    }
    // Give a late call the chance to show up before saying there was none.
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.calls({ path: `/guilds/${guild.id}/members/${fin}/roles/` })).toEqual([]);
    expect(memberRoles(fin)).toEqual([]);
  });

  it('level rewards follow real level-ups, and a changed reward table reaches members already past the level', async () => {
    const put = await http('PUT', `${base}/guilds/${guild.id}/rewards`, mod(), {
      mode: 'stack',
      rewards: [{ level: 1, roleIds: [byName.Regular] }],
    });
    expect(put.status).toBe(202);
    const gia = sim.addMember(guild.id, { username: 'gia' }).user!.id;
    // Ten messages a minute apart: 10 × 10 XP reaches level 1 under the default policy.
    const t0 = Date.parse('2026-02-01T10:00:00.000Z');
    for (let i = 0; i < 10; i++)
      sim.postMessage({
        guildId: guild.id,
        channelId,
        authorId: gia,
        content: 'hello',
        timestamp: new Date(t0 + i * 61_000).toISOString(),
      });
    await waitFor('the level-1 reward held', async () => memberRoles(gia).includes(byName.Regular), 30_000);
    expect(putCalls(gia, byName.Regular)).toHaveLength(1);

    const changed = await http('PUT', `${base}/guilds/${guild.id}/rewards`, mod(), {
      mode: 'stack',
      rewards: [{ level: 1, roleIds: [byName.Regular, byName.Chatter] }],
    });
    expect(changed.status).toBe(202);
    await waitFor('the new reward re-applied', async () => memberRoles(gia).includes(byName.Chatter), 30_000);
    expect(putCalls(gia, byName.Chatter)).toHaveLength(1);
    expect(putCalls(gia, byName.Regular)).toHaveLength(1);
  });
});
