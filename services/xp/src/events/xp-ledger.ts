import type { LedgerEntry } from '../domain/message-batch';
import type { Db } from '../projections/policy-history';

/** The append-only xp_events table: the service's own facts, from which projections are rebuilt. */
export class XpLedger {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".xp_events`;
  }

  /** ONE multi-row INSERT; WITH ORDINALITY keeps ids in decision order, which rebuilds replay. */
  async append(db: Db, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const n = entries.length;
    const g = new Array<string>(n),
      u = new Array<string>(n),
      s = new Array<string>(n),
      c = new Array<string>(n);
    const t = new Array<string>(n),
      a = new Array<number>(n),
      r = new Array<string | null>(n);
    const x = new Array<number>(n),
      l = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      g[i] = e.message.guildId;
      u[i] = e.message.userId;
      s[i] = e.message.messageId;
      c[i] = e.message.channelId;
      t[i] = new Date(e.message.occurredAt).toISOString();
      a[i] = e.amount;
      r[i] = e.reason;
      x[i] = e.xpAfter;
      l[i] = e.levelAfter;
    }
    await db.query(
      `INSERT INTO ${this.table} (guild_id, user_id, source_id, channel_id, occurred_at, amount, reason, xp_after, level_after)
       SELECT g, u, s, c, t, a, r, x, l
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::text[], $8::bigint[], $9::int[])
         WITH ORDINALITY AS v(g, u, s, c, t, a, r, x, l, n)
       ORDER BY n`,
      [g, u, s, c, t, a, r, x, l],
    );
  }
}
