import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * The setup onboarding proposes for a guild nobody has set up yet, and when a moderator first
 * confirmed (or saved) a setup. Guilds saved before this migration count as confirmed then.
 */
export class SetupProposal1767744000000 implements MigrationInterface {
  name = 'SetupProposal1767744000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(
      `ALTER TABLE ${s}.guild_setup ADD COLUMN proposal jsonb NULL, ADD COLUMN confirmed_at timestamptz NULL`,
    );
    await queryRunner.query(`UPDATE ${s}.guild_setup g SET confirmed_at = e.first
      FROM (SELECT guild_id, min(occurred_at) AS first FROM ${s}.onboarding_events WHERE type = 'setup.updated' GROUP BY guild_id) e
      WHERE e.guild_id = g.guild_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(
      `ALTER TABLE ${s}.guild_setup DROP COLUMN IF EXISTS proposal, DROP COLUMN IF EXISTS confirmed_at`,
    );
  }
}
