import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * A member's role changes Discord confirmed since it last reported their roles, as a short
 * index range: every decision about a member reads them, and role_ops only grows.
 */
export class AppliedOpsIndex1768000000000 implements MigrationInterface {
  name = 'AppliedOpsIndex1768000000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(
      `CREATE INDEX IF NOT EXISTS role_ops_applied ON ${s}.role_ops (guild_id, user_id, updated_at) WHERE status = 'applied'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "${schemaOf(q)}".role_ops_applied`);
  }
}
