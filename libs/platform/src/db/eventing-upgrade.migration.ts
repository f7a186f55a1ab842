import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventingUpgradeSql } from '@guildhall/eventing';
import { schemaOf } from './migrations';

/**
 * The outbox's dead rows (a row NATS refuses is set aside with the reason instead of stalling the
 * rest) and the indexes that let sent outbox rows and old inbox rows be pruned. Every service runs
 * it after its own first migration.
 */
export class EventingUpgrade1767800000000 implements MigrationInterface {
  name = 'EventingUpgrade1767800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of eventingUpgradeSql(schemaOf(queryRunner))) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.inbox_created`);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.outbox_dead`);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.outbox_sent`);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.outbox_pending`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS outbox_unsent ON ${s}.outbox (id) WHERE sent_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE ${s}.outbox DROP COLUMN IF EXISTS dead_at, DROP COLUMN IF EXISTS last_error, DROP COLUMN IF EXISTS failures`,
    );
  }
}
