import type { Db } from './policy-history';

/** Guilds this service has seen a `guild.synced` for: where our commands must be registered. */
export class GuildDirectory {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".guilds`;
  }

  async remember(db: Db, guildId: string, name: string, syncedAt: string): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (guild_id, name, synced_at) VALUES ($1, $2, $3)
       ON CONFLICT (guild_id) DO UPDATE SET name = EXCLUDED.name, synced_at = greatest(${this.table}.synced_at, EXCLUDED.synced_at)`,
      [guildId, name, syncedAt],
    );
  }

  async nameOf(db: Db, guildId: string): Promise<string | null> {
    const { rows } = await db.query(`SELECT name FROM ${this.table} WHERE guild_id = $1`, [guildId]);
    return rows[0]?.name ?? null;
  }

  async all(db: Db): Promise<string[]> {
    const { rows } = await db.query(`SELECT guild_id FROM ${this.table} ORDER BY guild_id`);
    return rows.map((r) => r.guild_id as string);
  }
}
