import type { Db } from './policy-history';

export interface LeaderboardRow {
  position: number;
  userId: string;
  xp: number;
  level: number;
  messages: number;
}

/**
 * The leaderboard is member_xp read through its (guild_id, xp DESC, last_award_at, user_id)
 * index: most XP first, ties to whoever reached the total first. Only members with XP rank.
 */
export class LeaderboardProjection {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".member_xp`;
  }

  async page(db: Db, guildId: string, limit: number, offset: number): Promise<LeaderboardRow[]> {
    const { rows } = await db.query(
      `SELECT user_id, xp, level, messages FROM ${this.table}
       WHERE guild_id = $1 AND xp > 0
       ORDER BY xp DESC, last_award_at ASC, user_id ASC LIMIT $2 OFFSET $3`,
      [guildId, limit, offset],
    );
    return rows.map((r, i) => ({ position: offset + i + 1, userId: r.user_id, xp: Number(r.xp), level: r.level, messages: r.messages }));
  }

  /** How many members rank (have any XP). */
  async size(db: Db, guildId: string): Promise<number> {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE guild_id = $1 AND xp > 0`, [guildId]);
    return rows[0].n;
  }

  /** 1-based position: one plus the members ahead, counted on the index; null without XP. */
  async positionOf(db: Db, guildId: string, userId: string): Promise<number | null> {
    const { rows } = await db.query(
      `SELECT 1 + (
         SELECT count(*) FROM ${this.table} o
         WHERE o.guild_id = m.guild_id AND (
           o.xp > m.xp OR (o.xp = m.xp AND (o.last_award_at < m.last_award_at
             OR (o.last_award_at = m.last_award_at AND o.user_id < m.user_id))))
       )::int AS position
       FROM ${this.table} m WHERE m.guild_id = $1 AND m.user_id = $2 AND m.xp > 0`,
      [guildId, userId],
    );
    return rows.length > 0 ? rows[0].position : null;
  }
}
