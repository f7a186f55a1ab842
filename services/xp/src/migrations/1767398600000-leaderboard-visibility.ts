import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@guildhall/platform';

/**
 * Leaderboard pages, sizes and positions are counted on the member_xp_leaderboard index alone
 * (an index-only scan) only where the visibility map marks the heap page all-visible; elsewhere
 * every entry costs a heap fetch. At 100,000 members the last page took 56 ms with heap fetches
 * and 8 ms without (bench, `npm run bench` dashboard phase). Every award rewrites a row and
 * clears its page's bit, and the default thresholds (20 % of the table) let most of a large
 * guild's pages stay uncleaned for long, so member_xp is vacuumed after 1 % has changed.
 */
export class LeaderboardVisibility1767398600000 implements MigrationInterface {
  name = 'LeaderboardVisibility1767398600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${schemaOf(queryRunner)}".member_xp SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${schemaOf(queryRunner)}".member_xp RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor)`,
    );
  }
}
