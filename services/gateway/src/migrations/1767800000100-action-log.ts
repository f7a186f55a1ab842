import { schemaOf } from '@guildhall/platform';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the gateway did in Discord for each action, written outside any consumer transaction:
 * `calling` before the request, `done` with the outcome right after it. A retried batch skips
 * what is done and treats `calling` as in doubt (the process died or the batch failed
 * mid-call), so a rollback never sends a Discord request twice.
 */
export class ActionLog1767800000100 implements MigrationInterface {
  name = 'ActionLog1767800000100';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.action_log (
      action_id text PRIMARY KEY,
      guild_id text NOT NULL,
      kind text NOT NULL,
      state text NOT NULL CHECK (state IN ('calling', 'done')),
      attempts integer NOT NULL DEFAULT 1,
      outcome jsonb NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz NULL
    )`);
    await q.query(`CREATE INDEX action_log_started ON ${s}.action_log (started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".action_log`);
  }
}
