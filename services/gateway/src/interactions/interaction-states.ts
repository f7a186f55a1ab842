import { inTransaction } from '@guildhall/platform';
import type { Pool } from 'pg';
import { TOKEN_LIFETIME_MS, type Responded, type TrackedInteraction } from './deadline';

/** What a step did to an interaction's state, and what it returns to its caller. */
export interface Stepped<T> {
  state: TrackedInteraction;
  result: T;
}

/** How far each interaction has been answered, as every gateway replica sees it. */
export interface SharedInteractions {
  /**
   * Runs `step` on the interaction's current state while no other replica can run one on the
   * same interaction, and keeps the state it returns. `seed` is what the caller knows of the
   * interaction; it becomes the state when no replica has recorded one yet.
   */
  exclusive<T>(
    seed: TrackedInteraction,
    step: (current: TrackedInteraction) => Promise<Stepped<T>>,
  ): Promise<T>;
  /** Forgets interactions whose token has expired; returns how many. */
  prune(): Promise<number>;
}

const RESPONDED = new Set<Responded>(['none', 'deferred-reply', 'deferred-update', 'answered']);

/**
 * The shared state in the gateway's schema. A step holds the interaction's row lock while it
 * talks to Discord: the call is short, and it is what keeps a defer on one replica from
 * crossing an answer on another. A step that fails rolls back, so its row says what was
 * known to be sent before it.
 */
export class InteractionStates implements SharedInteractions {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.table = `"${schema}".interaction_states`;
  }

  exclusive<T>(
    seed: TrackedInteraction,
    step: (current: TrackedInteraction) => Promise<Stepped<T>>,
  ): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      // The first replica to act records the interaction; a later one only fills in its kind,
      // which the one that received it knows and an answer does not carry.
      const { rows } = await tx.query(
        `INSERT INTO ${this.table} AS t (interaction_id, token, application_id, guild_id, kind, received_at,
           responded, deferred_by_gateway, gave_up)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0), $7, $8, $9)
         ON CONFLICT (interaction_id) DO UPDATE SET kind = coalesce(t.kind, EXCLUDED.kind)
         RETURNING kind, (extract(epoch FROM received_at) * 1000)::float8 AS received_ms,
           responded, deferred_by_gateway, gave_up`,
        [
          seed.interactionId,
          seed.token,
          seed.applicationId,
          seed.guildId,
          seed.kind,
          seed.receivedAtMs,
          seed.responded,
          seed.deferredByGateway,
          seed.gaveUp,
        ],
      );
      const row = rows[0];
      if (!RESPONDED.has(row.responded))
        throw new Error(`interaction ${seed.interactionId}: unknown state ${row.responded}`);
      const current: TrackedInteraction = {
        ...seed,
        kind: row.kind,
        receivedAtMs: Math.round(row.received_ms),
        responded: row.responded,
        deferredByGateway: row.deferred_by_gateway,
        gaveUp: row.gave_up,
      };
      const { state, result } = await step(current);
      if (
        state.responded !== current.responded ||
        state.deferredByGateway !== current.deferredByGateway ||
        state.gaveUp !== current.gaveUp
      )
        await tx.query(
          `UPDATE ${this.table} SET responded = $2, deferred_by_gateway = $3, gave_up = $4 WHERE interaction_id = $1`,
          [seed.interactionId, state.responded, state.deferredByGateway, state.gaveUp],
        );
      return result;
    });
  }

  async prune(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${this.table} WHERE received_at < now() - make_interval(secs => $1)`,
      [TOKEN_LIFETIME_MS / 1000],
    );
    return rowCount ?? 0;
  }
}
