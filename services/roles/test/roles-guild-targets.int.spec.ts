import { RunningRolesService, startRolesService } from '../src/app';
import { http, RolesTestEnv, waitFor } from './roles-test-env';

jest.setTimeout(60_000);

/**
 * The attack: a moderator of their own server puts a role of another server that also has the
 * bot (one safe to hand out there) in their self-service catalog or level rewards. The roles
 * service knows both servers' roles, so each id must be checked against the moderator's guild.
 */
const OWN = '100000000000000801';
const VICTIM = '100000000000000802';
const OWN_ROLE = '300000000000000801';
const VICTIM_ROLE = '300000000000000802';
const MOD = '500000000000000801';

describe("roles service: the catalog and the rewards name only their own guild's roles", () => {
  const t = new RolesTestEnv();
  let svc: RunningRolesService;
  let url: string;
  const mod = () => t.token(OWN, 'moderator', MOD);

  beforeAll(async () => {
    await t.setup();
    svc = await startRolesService(t.env());
    url = `http://127.0.0.1:${svc.port}/guilds/${OWN}`;
    await t.syncDirectory(OWN, { roleIds: [OWN_ROLE] });
    await t.syncDirectory(VICTIM, { roleIds: [VICTIM_ROLE] });
  });
  afterAll(async () => {
    await svc?.stop();
    await t.cleanup();
  });

  it("a moderator cannot put another guild's role in the self-service catalog or the level rewards", async () => {
    const category = await http('POST', `${url}/catalog/categories`, mod(), { name: 'Perks' });
    expect(category.status).toBe(201);
    const add = await http('POST', `${url}/catalog/roles`, mod(), {
      roleId: VICTIM_ROLE,
      categoryId: category.body.id,
    });
    expect(add.status).toBe(400);
    expect(add.body.message).toEqual([`roleId: role ${VICTIM_ROLE} is not a role of this server`]);
    const rewards = await http('PUT', `${url}/rewards`, mod(), {
      mode: 'stack',
      rewards: [
        { level: 5, roleIds: [OWN_ROLE] },
        { level: 10, roleIds: [VICTIM_ROLE] },
      ],
    });
    expect(rewards.status).toBe(400);
    expect(rewards.body.message).toEqual([
      `rewards[1].roleIds: role ${VICTIM_ROLE} is not a role of this server`,
    ]);
    // The guild's own role is accepted where the other guild's was not.
    const own = await waitFor('the own role to be accepted', async () => {
      const res = await http('POST', `${url}/catalog/roles`, mod(), {
        roleId: OWN_ROLE,
        categoryId: category.body.id,
      });
      return res.status === 201 ? res : undefined;
    });
    expect(own.body).toMatchObject({ roleId: OWN_ROLE });
    expect(await t.actions('role.add')).toEqual([]);
  });
});
