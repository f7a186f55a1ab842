import type { MigrationInterface, QueryRunner } from 'typeorm';
import { directoryTablesSql, DIRECTORY_TABLES } from '@guildhall/guild-directory';
import { schemaOf } from '@guildhall/platform';

/**
 * The guild's roles move from `guild_roles` to the shared directory tables (which also hold
 * channels and colours), so the pickers and the safety checks read one projection. What was
 * known is carried over; colours and channels arrive with the next guild.synced.
 */
export class GuildDirectory1767398500000 implements MigrationInterface {
  name = 'GuildDirectory1767398500000';

  async up(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    const s = `"${schema}"`;
    for (const sql of directoryTablesSql(schema)) await q.query(sql);
    await q.query(
      `INSERT INTO ${s}.directory_guilds (guild_id, bot_user_id, bot_role_ids, synced_at)
       SELECT g.guild_id, g.bot_user_id, g.bot_role_ids, coalesce(
         (SELECT max(e.occurred_at) FROM ${s}.roles_events e WHERE e.guild_id = g.guild_id AND e.type = 'guild.roles_synced'), now())
       FROM ${s}.guilds g WHERE g.bot_user_id IS NOT NULL`,
    );
    await q.query(
      `INSERT INTO ${s}.directory_roles (guild_id, role_id, name, position, permissions, managed)
       SELECT guild_id, role_id, name, position, permissions, managed FROM ${s}.guild_roles`,
    );
    await q.query(`DROP TABLE ${s}.guild_roles`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.guild_roles (
      guild_id text NOT NULL, role_id text NOT NULL, name text NOT NULL, position int NOT NULL,
      permissions text NOT NULL, managed boolean NOT NULL, PRIMARY KEY (guild_id, role_id))`);
    await q.query(
      `INSERT INTO ${s}.guild_roles SELECT guild_id, role_id, name, position, permissions, managed FROM ${s}.directory_roles`,
    );
    for (const t of DIRECTORY_TABLES) await q.query(`DROP TABLE IF EXISTS ${s}.${t}`);
  }
}
