import type { AnyEnvelope } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import type { Pool } from 'pg';

/** An action set aside: its guild's route is rate limited until `notBefore`. */
export interface ParkedAction {
  action: AnyEnvelope;
  notBefore: Date;
  reason: string;
}

export interface ParkedRow extends ParkedAction {
  seq: string;
}

/**
 * Where a lane puts the actions of a guild that waits out a Discord rate limit, so the lane
 * goes on with every other guild. Rows keep the order the lane took them in (`seq`); while a
 * guild has rows in a lane, its newer actions of that lane are parked behind them, so none
 * overtakes another.
 */
export class ParkedActions {
  private readonly waitingSql: string;
  private readonly parkSql: string;
  private readonly dueSql: string;
  private readonly firstSql: string;
  private readonly removeSql: string;
  private readonly postponeSql: string;
  private readonly countSql: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const t = `"${schema}".parked_actions`;
    this.waitingSql = `SELECT DISTINCT guild_id FROM ${t} WHERE lane = $1 AND guild_id = ANY($2::text[])`;
    // ORDER BY ordinality: the serial is drawn in the order the lane handed the actions over.
    this.parkSql = `INSERT INTO ${t} (lane, guild_id, action, not_before, reason)
      SELECT $1, a->>'guildId', a, nb, r
      FROM unnest($2::jsonb[], $3::timestamptz[], $4::text[]) WITH ORDINALITY AS p(a, nb, r, i)
      ORDER BY i`;
    this.dueSql = `SELECT lane, guild_id FROM (
        SELECT DISTINCT ON (lane, guild_id) lane, guild_id, not_before FROM ${t} ORDER BY lane, guild_id, seq
      ) firsts WHERE not_before <= now()`;
    this.firstSql = `SELECT seq::text, action, not_before, reason FROM ${t}
      WHERE lane = $1 AND guild_id = $2 ORDER BY seq LIMIT 1`;
    this.removeSql = `DELETE FROM ${t} WHERE seq = $1`;
    this.postponeSql = `UPDATE ${t} SET not_before = $2, reason = $3 WHERE seq = $1`;
    this.countSql = `SELECT count(*)::int AS n FROM ${t}`;
  }

  /** The guilds among `guildIds` that have actions waiting in `lane`. */
  async waiting(lane: string, guildIds: string[]): Promise<Set<string>> {
    if (guildIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ guild_id: string }>(this.waitingSql, [lane, guildIds]);
    return new Set(rows.map((r) => r.guild_id));
  }

  /** In the lane's transaction, with the ack of the batch they came in. */
  async park(tx: Tx, lane: string, parked: readonly ParkedAction[]): Promise<void> {
    if (parked.length === 0) return;
    await tx.query(this.parkSql, [
      lane,
      parked.map((p) => JSON.stringify(p.action)),
      parked.map((p) => p.notBefore),
      parked.map((p) => p.reason),
    ]);
  }

  /** Lanes and guilds whose first waiting action may run now. */
  async due(): Promise<Array<{ lane: string; guildId: string }>> {
    const { rows } = await this.pool.query<{ lane: string; guild_id: string }>(this.dueSql);
    return rows.map((r) => ({ lane: r.lane, guildId: r.guild_id }));
  }

  async first(tx: Tx, lane: string, guildId: string): Promise<ParkedRow | undefined> {
    const { rows } = await tx.query(this.firstSql, [lane, guildId]);
    // Stored by park() from an action the registry had parsed.
    const r = rows[0] as { seq: string; action: AnyEnvelope; not_before: Date; reason: string } | undefined;
    return r && { seq: r.seq, action: r.action, notBefore: r.not_before, reason: r.reason };
  }

  async remove(tx: Tx, seq: string): Promise<void> {
    await tx.query(this.removeSql, [seq]);
  }

  async postpone(tx: Tx, seq: string, notBefore: Date, reason: string): Promise<void> {
    await tx.query(this.postponeSql, [seq, notBefore, reason]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(this.countSql);
    return rows[0].n;
  }
}
