import { eventingTablesSql } from '@guildhall/eventing';
import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayTables1767225600000 implements MigrationInterface {
  name = 'GatewayTables1767225600000';

  async up(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    for (const sql of eventingTablesSql(s)) await q.query(sql);
    // Discord keeps one command list per guild; each owner's part is kept here and merged on every PUT.
    await q.query(`CREATE TABLE "${s}".guild_commands (
      guild_id text NOT NULL,
      owner text NOT NULL,
      commands jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (guild_id, owner)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = schemaOf(q);
    await q.query(`DROP TABLE IF EXISTS "${s}".guild_commands`);
  }
}
