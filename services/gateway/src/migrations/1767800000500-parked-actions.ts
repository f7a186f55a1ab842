import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Actions set aside while their guild waits out a Discord rate limit, in the order they were
 * taken from ACTIONS (`seq`), per lane and guild. Rows leave once executed; the table holds only
 * what is waiting.
 */
export class ParkedActions1767800000500 implements MigrationInterface {
  name = 'ParkedActions1767800000500';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.parked_actions (
      seq bigserial PRIMARY KEY,
      lane text NOT NULL,
      guild_id text NOT NULL,
      action jsonb NOT NULL,
      not_before timestamptz NOT NULL,
      reason text NOT NULL,
      parked_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX parked_actions_guild ON ${s}.parked_actions (lane, guild_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".parked_actions`);
  }
}
