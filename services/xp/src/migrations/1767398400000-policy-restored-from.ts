import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/** A version made by restoring an earlier one says which, so the history can read "Restored version 3". */
export class PolicyRestoredFrom1767398400000 implements MigrationInterface {
  name = 'PolicyRestoredFrom1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${schemaOf(queryRunner)}".policy_events ADD COLUMN restored_from integer NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${schemaOf(queryRunner)}".policy_events DROP COLUMN IF EXISTS restored_from`,
    );
  }
}
