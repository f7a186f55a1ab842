import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the bot last sent an IDENTIFY in each rate-limit bucket (shard_id % max_concurrency),
 * shared by every gateway process: Discord allows one IDENTIFY per bucket per 5 s across all of
 * them, and discord.js only spaces the shards of one process. Times are Postgres' clock, so pods
 * whose clocks disagree still agree on the spacing.
 */
export class IdentifyBuckets1767800000600 implements MigrationInterface {
  name = 'IdentifyBuckets1767800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${schemaOf(q)}".identify_buckets (
      bucket integer PRIMARY KEY,
      identified_at timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".identify_buckets`);
  }
}
