import type { Outbox, OutgoingMessage } from '@guildhall/eventing';
import { DirectoryReads } from '@guildhall/guild-directory';
import type { Fact } from '../domain/facts';
import { factUserId } from '../domain/facts';
import type { Projections } from '../projections/projections';
import { qualify, Queryable } from '../projections/queryable';
import { publicEvent } from './outgoing';

/**
 * Appends facts to onboarding_events and, for each one that is new, folds it into the
 * projections and queues its public event: all in the caller's transaction.
 */
export class FactStore {
  private readonly table: string;
  /** The guild's roles as the gateway last reported them (kept by the same consumer), for the check before a grant. */
  readonly directory: DirectoryReads;
  constructor(
    private readonly schema: string,
    readonly projections: Projections,
    readonly outbox: Outbox,
  ) {
    this.table = qualify(schema, 'onboarding_events');
    this.directory = new DirectoryReads(schema);
  }

  /** Returns the facts actually appended; a fact whose id is already stored is skipped. */
  async append(tx: Queryable, facts: Fact[]): Promise<Fact[]> {
    const appended: Fact[] = [];
    const out: OutgoingMessage[] = [];
    for (const f of facts) {
      const { rowCount } = await tx.query(
        `INSERT INTO ${this.table} (id, guild_id, user_id, type, data, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [f.id, f.guildId, factUserId(f), f.type, JSON.stringify(f.data), f.occurredAt],
      );
      if (rowCount === 0) continue;
      appended.push(f);
      await this.projections.apply(tx, f);
      const event = publicEvent(f);
      if (event) out.push(event);
    }
    await this.outbox.add(tx, out);
    return appended;
  }

  /**
   * Serialises writers per guild (consumers and HTTP), so decisions read state no one else is
   * changing. Locks are taken in sorted order: two batches spanning the same guilds cannot deadlock.
   */
  async lockGuilds(tx: Queryable, guildIds: Iterable<string>): Promise<void> {
    for (const g of [...new Set(guildIds)].sort())
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [this.schema, g]);
  }

  /** Every fact in order, for rebuilding the projections. */
  async *all(db: Queryable, pageSize = 1000): AsyncGenerator<Fact[]> {
    let after = 0;
    for (;;) {
      const { rows } = await db.query(
        `SELECT seq, id, guild_id, user_id, type, data, occurred_at FROM ${this.table} WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].seq);
      yield rows.map((r) => {
        const f = {
          id: r.id,
          guildId: r.guild_id,
          type: r.type,
          data: r.data,
          occurredAt: new Date(r.occurred_at).toISOString(),
        } as Fact;
        if (r.user_id !== null) (f as { userId?: string }).userId = r.user_id;
        return f;
      });
    }
  }

  async count(db: Queryable): Promise<number> {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${this.table}`);
    return rows[0].n;
  }
}
