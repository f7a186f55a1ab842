import { runMigrations } from '@guildhall/platform';
import { RolesInitial1767225600000 } from '../src/migrations/1767225600000-roles-initial';
import { ROLES_MIGRATIONS } from '../src/migrations';
import { DATABASE_URL, RolesTestEnv } from './roles-test-env';

const GUILD = '100000000000000041';

describe('roles service: a guild configured before history existed', () => {
  const t = new RolesTestEnv();
  beforeAll(() => t.setup());
  afterAll(() => t.cleanup());

  it('starts its catalog and rewards history with what it had, as version 1 saved by nobody known', async () => {
    await runMigrations(DATABASE_URL, t.schema, [RolesInitial1767225600000]);
    const s = `"${t.schema}"`;
    await t.db.query(
      `INSERT INTO ${s}.catalog_categories VALUES ($1, 'c1', 'Interests', '', false, NULL, 0)`,
      [GUILD],
    );
    await t.db.query(
      `INSERT INTO ${s}.catalog_roles VALUES ($1, '310000000000000411', 'c1', 'Artist', '', '🎨', 3, true)`,
      [GUILD],
    );
    await t.db.query(`INSERT INTO ${s}.guilds (guild_id, reward_mode) VALUES ($1, 'highest')`, [GUILD]);
    await t.db.query(`INSERT INTO ${s}.level_rewards VALUES ($1, 5, '{310000000000000451}')`, [GUILD]);
    await t.db.query(
      `INSERT INTO ${s}.roles_events (id, guild_id, type, data, occurred_at) VALUES ('r1', $1, 'rewards.configured', '{}', now())`,
      [GUILD],
    );

    await runMigrations(DATABASE_URL, t.schema, ROLES_MIGRATIONS);

    const { rows } = await t.db.query(
      `SELECT setting, version, value, changed_by FROM ${s}.settings_versions ORDER BY setting`,
    );
    expect(rows).toEqual([
      {
        setting: 'catalog',
        version: 1,
        changed_by: null,
        value: {
          categories: [
            { id: 'c1', name: 'Interests', description: '', exclusive: false, maxRoles: null, position: 0 },
          ],
          roles: [
            {
              roleId: '310000000000000411',
              categoryId: 'c1',
              label: 'Artist',
              description: '',
              emoji: '🎨',
              minLevel: 3,
              requiresRules: true,
            },
          ],
        },
      },
      {
        setting: 'rewards',
        version: 1,
        changed_by: null,
        value: { mode: 'highest', rewards: [{ level: 5, roleIds: ['310000000000000451'] }] },
      },
    ]);
  });
});
