import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * A member's, and a guild's, quiz attempts of the last hour are counted on every attempt; these
 * partial indexes hold only attempts, so the count is a short range however many joins and
 * agreements share the table.
 */
export class QuizAttemptIndexes1767900300000 implements MigrationInterface {
  name = 'QuizAttemptIndexes1767900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS onboarding_events_quiz_member ON ${s}.onboarding_events (guild_id, user_id, occurred_at) WHERE type = 'quiz.attempted'`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS onboarding_events_quiz_guild ON ${s}.onboarding_events (guild_id, occurred_at) WHERE type = 'quiz.attempted'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.onboarding_events_quiz_member`);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.onboarding_events_quiz_guild`);
  }
}
