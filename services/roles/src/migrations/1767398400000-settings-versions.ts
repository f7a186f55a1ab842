import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * Every saved version of a guild's role catalog and level rewards, whole, with who saved it:
 * append-only, written in the transaction of the change, never touched by a rebuild. A guild
 * that already had a catalog or rewards starts its history with them as version 1 (saved by
 * nobody we know).
 */
export class SettingsVersions1767398400000 implements MigrationInterface {
  name = 'SettingsVersions1767398400000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`CREATE TABLE ${s}.settings_versions (
      guild_id text NOT NULL,
      setting text NOT NULL,
      version integer NOT NULL,
      value jsonb NOT NULL,
      changed_by text NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      restored_from integer NULL,
      PRIMARY KEY (guild_id, setting, version))`);
    await q.query(`INSERT INTO ${s}.settings_versions (guild_id, setting, version, value)
      SELECT g.guild_id, 'catalog', 1, jsonb_build_object(
        'categories', coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.category_id, 'name', c.name, 'description', c.description,
            'exclusive', c.exclusive, 'maxRoles', c.max_roles, 'position', c.position) ORDER BY c.position, c.name)
          FROM ${s}.catalog_categories c WHERE c.guild_id = g.guild_id), '[]'::jsonb),
        'roles', coalesce((SELECT jsonb_agg(jsonb_build_object('roleId', r.role_id, 'categoryId', r.category_id, 'label', r.label,
            'description', r.description, 'emoji', r.emoji, 'minLevel', r.min_level, 'requiresRules', r.requires_rules) ORDER BY r.label)
          FROM ${s}.catalog_roles r WHERE r.guild_id = g.guild_id), '[]'::jsonb))
      FROM (SELECT guild_id FROM ${s}.catalog_categories UNION SELECT guild_id FROM ${s}.catalog_roles) g`);
    await q.query(`INSERT INTO ${s}.settings_versions (guild_id, setting, version, value)
      SELECT g.guild_id, 'rewards', 1, jsonb_build_object('mode', g.reward_mode,
        'rewards', coalesce((SELECT jsonb_agg(jsonb_build_object('level', l.level, 'roleIds', to_jsonb(l.role_ids)) ORDER BY l.level)
          FROM ${s}.level_rewards l WHERE l.guild_id = g.guild_id), '[]'::jsonb))
      FROM ${s}.guilds g WHERE EXISTS (SELECT 1 FROM ${s}.roles_events e WHERE e.guild_id = g.guild_id AND e.type = 'rewards.configured')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ${schemaOf(q)}.settings_versions`);
  }
}
