import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far each interaction has been answered, shared by the gateway replicas: the one whose
 * shard received it keeps its deadlines, the one holding the ACTIONS lease delivers the answer.
 * Rows live as long as the interaction token (15 minutes) and are pruned by age.
 */
export class InteractionStates1767800000400 implements MigrationInterface {
  name = 'InteractionStates1767800000400';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.interaction_states (
      interaction_id text PRIMARY KEY,
      token text NOT NULL,
      application_id text NOT NULL,
      guild_id text NOT NULL,
      kind text NULL,
      received_at timestamptz NOT NULL,
      responded text NOT NULL,
      deferred_by_gateway boolean NOT NULL,
      gave_up boolean NOT NULL
    )`);
    await q.query(`CREATE INDEX interaction_states_received ON ${s}.interaction_states (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".interaction_states`);
  }
}
