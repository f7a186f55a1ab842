import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * The names leaderboards show, as the guild last showed them. Discord's facts, not XP's: no
 * rebuild touches this table, and a name only changes when a member's next message carries
 * a new one.
 */
export class MemberNames1767312000000 implements MigrationInterface {
  name = 'MemberNames1767312000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`CREATE TABLE ${s}.member_names (
      guild_id text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL,
      display_name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (guild_id, user_id)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "${schemaOf(queryRunner)}".member_names`);
  }
}
