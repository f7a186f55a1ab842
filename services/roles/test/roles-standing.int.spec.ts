import { discordSubject } from '@guildhall/contracts';
import { RunningRolesService, startRolesService } from '../src/app';
import { http, role, RolesTestEnv, waitFor } from './roles-test-env';

/**
 * What the dashboard asks at sign-in and on each session re-check (issue 11, finding 4): which of
 * the member's guilds Guildhall is in and the member's roles there, from the roles service's own
 * projections, so a sign-in never pages the bot's guilds with the bot token.
 */
const GUILD = '100000000000000101';
const OTHER = '100000000000000102';
const NOT_INSTALLED = '100000000000000103';
const BOT = '900000000000000101';
const HELPER = '300000000000000111';
const MIA = '500000000000000101';
const NEW = '500000000000000102';

jest.setTimeout(60_000);

describe('roles service: a member’s standing across their guilds', () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let url: string;

  beforeAll(async () => {
    await t.setup();
    svc = await startRolesService(t.env());
    url = `http://127.0.0.1:${svc.port}`;
    for (const g of [GUILD, OTHER])
      await t.publish(discordSubject(g, 'guild.synced'), 'guild.synced', g, {
        name: `Guild ${g}`,
        ownerId: '500000000000000999',
        botUserId: BOT,
        botRoleIds: [],
        memberCount: 3,
        roles: [role(g, '@everyone', 0), role(HELPER, 'Helper', 1)],
      });
    await t.publish(discordSubject(GUILD, 'member.updated'), 'member.updated', GUILD, {
      userId: MIA,
      roleIds: [HELPER],
    });
    await waitFor('the guilds and mia’s roles', async () => {
      const res = await http('POST', `${url}/members/${MIA}/standing`, t.token(GUILD, 'member', MIA), {
        guildIds: [GUILD, OTHER],
      });
      return res.body?.guilds?.length === 2 && res.body.guilds[0].roles !== null;
    });
  });

  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it('names only the guilds Guildhall is in, with the member’s roles where Discord told us them', async () => {
    const res = await http('POST', `${url}/members/${MIA}/standing`, t.token(GUILD, 'member', MIA), {
      guildIds: [NOT_INSTALLED, OTHER, GUILD],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      guilds: [
        { guildId: GUILD, roles: [HELPER] },
        { guildId: OTHER, roles: null },
      ],
    });
  });

  it('answers a member about themself only, and refuses more than 200 guilds or malformed ids', async () => {
    const asked = { guildIds: [GUILD] };
    expect(
      (await http('POST', `${url}/members/${MIA}/standing`, t.token(GUILD, 'member', NEW), asked)).status,
    ).toBe(403);
    expect((await http('POST', `${url}/members/${MIA}/standing`, undefined, asked)).status).toBe(401);
    const many = Array.from({ length: 201 }, (_, i) => String(100000000000001000n + BigInt(i)));
    const tooMany = await http('POST', `${url}/members/${NEW}/standing`, t.token(GUILD, 'member', NEW), {
      guildIds: many,
    });
    expect(tooMany.status).toBe(400);
    const bad = await http('POST', `${url}/members/${NEW}/standing`, t.token(GUILD, 'member', NEW), {
      guildIds: ['../x'],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('each value in guildIds must be a Discord snowflake');
  });
});
