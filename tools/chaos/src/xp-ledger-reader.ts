import type { Pool } from 'pg';
import type { LedgerRow } from './sent';

/**
 * xp's ledger as it grows, read straight from its schema. Rows are fetched from a little before
 * the newest seen, since a transaction that took its ids first may commit last.
 */
export class XpLedgerReader {
  private readonly rows = new Map<number, LedgerRow>();
  private newest = 0;

  constructor(
    private readonly db: Pool,
    private readonly schema = 'xp',
  ) {}

  get all(): LedgerRow[] {
    return [...this.rows.values()];
  }

  hasSource(): (sourceId: string) => boolean {
    const ids = new Set(this.all.map((r) => r.sourceId));
    return (id) => ids.has(id);
  }

  /** false while Postgres is down (or xp has not made its tables yet): the rows so far stay. */
  async refresh(): Promise<boolean> {
    try {
      const { rows } = await this.db.query(
        `SELECT id, source_id, user_id, occurred_at, amount FROM "${this.schema}".xp_events
         WHERE id > $1 ORDER BY id`,
        [Math.max(0, this.newest - 5000)],
      );
      for (const r of rows) {
        const id = Number(r.id);
        this.rows.set(id, {
          id,
          sourceId: r.source_id,
          userId: r.user_id,
          occurredAt: (r.occurred_at as Date).getTime(),
          amount: r.amount,
        });
        this.newest = Math.max(this.newest, id);
      }
      return true;
    } catch {
      return false;
    }
  }
}
