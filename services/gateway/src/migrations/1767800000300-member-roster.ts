import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the stream was told about each member (tombstoned on leave), so that after a session
 * Discord could not resume the gateway can list the guild's members and publish only what
 * changed in the gap. `roster_guilds.pending_session` marks a reconcile begun and not finished;
 * a gateway that died in between finishes it on its next start.
 */
export class MemberRoster1767800000300 implements MigrationInterface {
  name = 'MemberRoster1767800000300';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.member_roster (
      guild_id text NOT NULL,
      user_id text NOT NULL,
      present boolean NOT NULL,
      role_ids text[] NOT NULL,
      nick text NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (guild_id, user_id)
    )`);
    await q.query(`CREATE TABLE ${s}.roster_guilds (
      guild_id text PRIMARY KEY,
      seeded boolean NOT NULL DEFAULT false,
      pending_session text NULL,
      reconciled_at timestamptz NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TABLE IF EXISTS ${s}.member_roster`);
    await q.query(`DROP TABLE IF EXISTS ${s}.roster_guilds`);
  }
}
