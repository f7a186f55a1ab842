import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * The settings history reads a guild's rules versions and setup changes out of onboarding_events.
 * Partial indexes hold only those few facts, so a page costs the same in a guild of ten members
 * and in one of a million (whose joins and agreements fill the same table).
 */
export class SettingsHistoryIndexes1767398400000 implements MigrationInterface {
  name = 'SettingsHistoryIndexes1767398400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(
      `CREATE INDEX onboarding_events_rules_versions ON ${s}.onboarding_events (guild_id, ((data->>'version')::int)) WHERE type = 'rules.published'`,
    );
    await queryRunner.query(
      `CREATE INDEX onboarding_events_setup_changes ON ${s}.onboarding_events (guild_id, seq) WHERE type IN ('setup.updated', 'role.assigned')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.onboarding_events_rules_versions`);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.onboarding_events_setup_changes`);
  }
}
