import { memberKey } from '../domain/message-batch';
import type { Db } from './policy-history';

export interface MemberName {
  guildId: string;
  userId: string;
  displayName: string;
}

/** Who is who on a leaderboard: the latest name each member was seen with. */
export class MemberNames {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".member_names`;
  }

  /**
   * Stores the names that differ from what is stored, in at most two statements: reading
   * first means a busy channel of familiar faces writes nothing at all.
   */
  async remember(db: Db, names: readonly MemberName[]): Promise<void> {
    if (names.length === 0) return;
    const { rows } = await db.query(
      `SELECT n.guild_id, n.user_id, n.display_name
       FROM ${this.table} n JOIN unnest($1::text[], $2::text[]) AS k(g, u) ON n.guild_id = k.g AND n.user_id = k.u`,
      [names.map((n) => n.guildId), names.map((n) => n.userId)],
    );
    const stored = new Map<string, string>();
    for (const r of rows) stored.set(memberKey(r.guild_id, r.user_id), r.display_name);
    const changed = names.filter((n) => stored.get(memberKey(n.guildId, n.userId)) !== n.displayName);
    if (changed.length === 0) return;
    await db.query(
      `INSERT INTO ${this.table} (guild_id, user_id, display_name, updated_at)
       SELECT g, u, d, now() FROM unnest($1::text[], $2::text[], $3::text[]) AS k(g, u, d)
       ON CONFLICT (guild_id, user_id) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = EXCLUDED.updated_at`,
      [changed.map((n) => n.guildId), changed.map((n) => n.userId), changed.map((n) => n.displayName)],
    );
  }

  async nameOf(db: Db, guildId: string, userId: string): Promise<string | null> {
    const { rows } = await db.query(
      `SELECT display_name FROM ${this.table} WHERE guild_id = $1 AND user_id = $2`,
      [guildId, userId],
    );
    return rows[0]?.display_name ?? null;
  }
}
