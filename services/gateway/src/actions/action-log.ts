import type { Envelope } from '@guildhall/contracts';
import type { Pool } from 'pg';
import type { ActionOutcome } from './action-outcome';

/** What an earlier attempt left: `done` with its outcome, or `calling` (in doubt: it may have reached Discord). */
export type PriorAttempt = { state: 'done'; outcome: ActionOutcome } | { state: 'calling' };

/**
 * The gateway's record of its Discord requests, in autocommit statements of their own so that
 * no rollback of the consumer's transaction can forget a request that was made.
 */
export class ActionLog {
  private readonly priorSql: string;
  private readonly beginSql: string;
  private readonly finishSql: string;
  private readonly pruneSql: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const s = `"${schema}"`;
    this.priorSql = `SELECT action_id, state, outcome FROM ${s}.action_log WHERE action_id = ANY($1::text[])`;
    this.beginSql = `INSERT INTO ${s}.action_log (action_id, guild_id, kind, state)
      SELECT unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), 'calling'
      ON CONFLICT (action_id) DO UPDATE SET attempts = ${s}.action_log.attempts + 1 WHERE ${s}.action_log.state = 'calling'`;
    this.finishSql = `UPDATE ${s}.action_log SET state = 'done', outcome = $2::jsonb, finished_at = now() WHERE action_id = $1`;
    this.pruneSql = `DELETE FROM ${s}.action_log WHERE started_at < now() - ($1::double precision * interval '1 millisecond')`;
  }

  /** Marks the actions not yet done as being called (two statements for the batch); returns what earlier attempts left. */
  async begin(actions: Envelope[]): Promise<Map<string, PriorAttempt>> {
    const ids = actions.map((a) => a.id);
    const { rows } = await this.pool.query<{
      action_id: string;
      state: 'done' | 'calling';
      outcome: ActionOutcome | null;
    }>(this.priorSql, [ids]);
    const prior = new Map<string, PriorAttempt>();
    for (const r of rows)
      prior.set(
        r.action_id,
        r.state === 'done' && r.outcome ? { state: 'done', outcome: r.outcome } : { state: 'calling' },
      );
    const todo = actions.filter((a) => prior.get(a.id)?.state !== 'done');
    if (todo.length > 0)
      await this.pool.query(this.beginSql, [
        todo.map((a) => a.id),
        todo.map((a) => a.guildId),
        todo.map((a) => a.type),
      ]);
    return prior;
  }

  async finish(actionId: string, outcome: ActionOutcome): Promise<void> {
    await this.pool.query(this.finishSql, [actionId, JSON.stringify(outcome)]);
  }

  /** Rows older than any redelivery of their action (ACTIONS redelivers within minutes). */
  async prune(olderThanMs: number): Promise<number> {
    const { rowCount } = await this.pool.query(this.pruneSql, [olderThanMs]);
    return rowCount ?? 0;
  }
}
