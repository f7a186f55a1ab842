import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each shard's Discord session, so a restarted gateway RESUMEs and Discord replays what it
 * missed. `sequence` is the last dispatch that reached the DISCORD stream (not the last one
 * received): what was received but still queued when the process died is replayed too.
 * `ready` keeps READY's user and application, which discord.js needs and a RESUME does not send.
 */
export class ShardSessions1767800000200 implements MigrationInterface {
  name = 'ShardSessions1767800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${schemaOf(q)}".shard_sessions (
      shard_id integer PRIMARY KEY,
      shard_count integer NOT NULL,
      session_id text NOT NULL,
      resume_url text NOT NULL,
      sequence bigint NOT NULL,
      ready jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".shard_sessions`);
  }
}
