import type { Client } from 'pg';

export interface LedgerCheck {
  sent: number;
  rows: number;
  distinct: number;
  lost: number;
  duplicated: number;
  /** Rows whose member's previous row (by ledger id) is not older: decided out of order. */
  reordered: number;
}

/**
 * xp's ledger against what was sent: every message once (distinct source ids = rows = sent),
 * and each member's messages decided in their own order (ledger ids are the order xp applied
 * them in, so occurred_at must rise along them).
 */
export async function checkLedger(db: Client, schema: string, sent: number): Promise<LedgerCheck> {
  const { rows } = await db.query<{ rows: number; distinct_ids: number; reordered: number }>(
    `SELECT
       (SELECT count(*)::int FROM "${schema}".xp_events) AS rows,
       (SELECT count(DISTINCT source_id)::int FROM "${schema}".xp_events) AS distinct_ids,
       (SELECT count(*)::int FROM (
          SELECT occurred_at, lag(occurred_at) OVER (PARTITION BY guild_id, user_id ORDER BY id) AS before
          FROM "${schema}".xp_events
        ) s WHERE before IS NOT NULL AND occurred_at <= before) AS reordered`,
  );
  const r = rows[0];
  return {
    sent,
    rows: r.rows,
    distinct: r.distinct_ids,
    lost: Math.max(0, sent - r.distinct_ids),
    duplicated: r.rows - r.distinct_ids,
    reordered: r.reordered,
  };
}

/** Exactly once and in order: what the phase insists on. */
export function ledgerHolds(c: LedgerCheck): boolean {
  return c.distinct === c.sent && c.rows === c.sent && c.reordered === 0;
}
