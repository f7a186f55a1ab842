import type { Db } from './policy-history';

export interface LeaderboardRow {
  position: number;
  userId: string;
  xp: number;
  level: number;
  messages: number;
  displayName: string | null;
}

/**
 * The leaderboard is member_xp read through its (guild_id, xp DESC, last_award_at, user_id)
 * index: most XP first, ties to whoever reached the total first. Only members with XP rank.
 */
export class LeaderboardProjection {
  private readonly table: string;

  private readonly names: string;

  constructor(schema: string) {
    this.table = `"${schema}".member_xp`;
    this.names = `"${schema}".member_names`;
  }

  async page(db: Db, guildId: string, limit: number, offset: number): Promise<LeaderboardRow[]> {
    const { rows } = await db.query(
      `SELECT p.user_id, p.xp, p.level, p.messages, n.display_name FROM (
         SELECT guild_id, user_id, xp, level, messages, last_award_at FROM ${this.table}
         WHERE guild_id = $1 AND xp > 0
         ORDER BY xp DESC, last_award_at ASC, user_id ASC LIMIT $2 OFFSET $3
       ) p LEFT JOIN ${this.names} n ON n.guild_id = p.guild_id AND n.user_id = p.user_id
       ORDER BY p.xp DESC, p.last_award_at ASC, p.user_id ASC`,
      [guildId, limit, offset],
    );
    return rows.map((r, i) => ({
      position: offset + i + 1, userId: r.user_id, xp: Number(r.xp), level: r.level, messages: r.messages, displayName: r.display_name ?? null,
    }));
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
