import type { MemberState } from '../domain/award';
import { memberKey } from '../domain/message-batch';
import type { Db } from './policy-history';

export interface MemberRow extends MemberState {
  guildId: string;
  userId: string;
}

/** The member_xp read model: one row per member who has written at least one counted message. */
export class MemberXpProjection {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".member_xp`;
  }

  /** The stored state of every listed member, in ONE query; absent members are simply missing. */
  async load(
    db: Db,
    members: ReadonlyArray<{ guildId: string; userId: string }>,
  ): Promise<Map<string, MemberState>> {
    const out = new Map<string, MemberState>();
    if (members.length === 0) return out;
    const { rows } = await db.query(
      `SELECT m.guild_id, m.user_id, m.xp, m.level, m.messages, m.last_award_at
       FROM ${this.table} m JOIN unnest($1::text[], $2::text[]) AS k(g, u) ON m.guild_id = k.g AND m.user_id = k.u`,
      [members.map((m) => m.guildId), members.map((m) => m.userId)],
    );
    for (const r of rows) out.set(memberKey(r.guild_id, r.user_id), fromRow(r));
    return out;
  }

  async get(db: Db, guildId: string, userId: string): Promise<MemberState | null> {
    const { rows } = await db.query(
      `SELECT xp, level, messages, last_award_at FROM ${this.table} WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  /**
   * Writes absolute states in ONE statement. Absolute, not increments: the states were
   * computed from rows read in this transaction, and a member's messages are handled by one
   * consumer in stream order (subjects are partitioned by guild).
   */
  async save(db: Db, rows: readonly MemberRow[]): Promise<void> {
    if (rows.length === 0) return;
    const n = rows.length;
    const g = new Array<string>(n),
      u = new Array<string>(n),
      x = new Array<number>(n),
      l = new Array<number>(n);
    const m = new Array<number>(n),
      a = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      g[i] = r.guildId;
      u[i] = r.userId;
      x[i] = r.xp;
      l[i] = r.level;
      m[i] = r.messages;
      a[i] = r.lastAwardAt === null ? null : new Date(r.lastAwardAt).toISOString();
    }
    await db.query(
      `INSERT INTO ${this.table} (guild_id, user_id, xp, level, messages, last_award_at, updated_at)
       SELECT g, u, x, l, m, a, now()
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::int[], $6::timestamptz[]) AS t(g, u, x, l, m, a)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET
         xp = EXCLUDED.xp, level = EXCLUDED.level, messages = EXCLUDED.messages,
         last_award_at = EXCLUDED.last_award_at, updated_at = now()`,
      [g, u, x, l, m, a],
    );
  }
}

function fromRow(r: {
  xp: string | number;
  level: number;
  messages: number;
  last_award_at: Date | null;
}): MemberState {
  return {
    xp: Number(r.xp),
    level: r.level,
    messages: r.messages,
    lastAwardAt: r.last_award_at ? r.last_award_at.getTime() : null,
  };
}
