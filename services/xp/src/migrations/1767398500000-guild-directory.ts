import type { MigrationInterface, QueryRunner } from 'typeorm';
import { directoryTablesSql, DIRECTORY_TABLES } from '@guildhall/guild-directory';
import { schemaOf } from '@guildhall/platform';

/** The guild's roles and channels as Discord last told us: the policy form picks from them and the PUT checks against them. */
export class GuildDirectory1767398500000 implements MigrationInterface {
  name = 'GuildDirectory1767398500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of directoryTablesSql(schemaOf(queryRunner))) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of DIRECTORY_TABLES)
      await queryRunner.query(`DROP TABLE IF EXISTS "${schemaOf(queryRunner)}".${t}`);
  }
}
