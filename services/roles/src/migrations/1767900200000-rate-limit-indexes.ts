import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * The guild-wide count of members' own requests in the last minute, and the guild's running
 * reward jobs, as short index ranges: both are read on every request or rewards save, and
 * both tables only grow.
 */
export class RateLimitIndexes1767900200000 implements MigrationInterface {
  name = 'RateLimitIndexes1767900200000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(
      `CREATE INDEX IF NOT EXISTS role_requests_recent ON ${s}.role_requests (guild_id, created_at) WHERE origin IN ('web', 'discord')`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS reward_jobs_running ON ${s}.reward_jobs (guild_id) WHERE status = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP INDEX IF EXISTS ${s}.role_requests_recent`);
    await q.query(`DROP INDEX IF EXISTS ${s}.reward_jobs_running`);
  }
}
