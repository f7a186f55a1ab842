import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * Finding the version in force at a moment, and counting a guild's saves of the last hour, are
 * one short range of this index however long the guild's history is; the primary key alone
 * would read every version the guild ever saved.
 */
export class PolicyInForceIndex1767900100000 implements MigrationInterface {
  name = 'PolicyInForceIndex1767900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS policy_events_in_force ON "${schemaOf(queryRunner)}".policy_events (guild_id, effective_at, version)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "${schemaOf(queryRunner)}".policy_events_in_force`);
  }
}
