import type { Pool } from 'pg';
import { memberKey } from '../domain/message-batch';
import { levelFor } from '../domain/levels';
import { DEFAULT_POLICY } from '../domain/policy';
import { MemberRow, MemberXpProjection } from '../projections/member-xp.projection';
import { PolicyHistory } from '../projections/policy-history';

export interface RebuildOptions {
  /** Recompute every level under each guild's current curve instead of keeping the recorded ones. */
  reapplyPolicy?: boolean;
  /** Called after each page of the ledger: events replayed so far, and the total. */
  onProgress?(done: number, total: number): void;
  pageSize?: number;
}

export interface RebuildReport {
  events: number;
  members: number;
  /** Members whose level differs from the one stored before (non-zero only with reapplyPolicy, or after a bug). */
  levelChanges: number;
  /** Ledger rows whose recorded running total disagrees with the replayed sum: should be 0. */
  inconsistencies: number;
}

/**
 * Replays xp_events in id order into a fresh member_xp, in ONE transaction: readers see the
 * old projection until the commit, then the new one. member_xp is locked against writes for
 * the duration, so the live consumer waits rather than interleaving with the replay.
 * Level-ups found by `reapplyPolicy` are not announced: history is restated, not relived.
 */
export async function rebuildProjections(
  pool: Pool,
  schema: string,
  opts: RebuildOptions = {},
): Promise<RebuildReport> {
  const pageSize = opts.pageSize ?? 20_000;
  const projection = new MemberXpProjection(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE "${schema}".member_xp IN SHARE ROW EXCLUSIVE MODE`);
    const total: number = (await client.query(`SELECT count(*)::int AS n FROM "${schema}".xp_events`)).rows[0]
      .n;
    const before = await storedLevels(client, schema);

    const folded = new Map<string, MemberRow>();
    let done = 0;
    let inconsistencies = 0;
    let lastId = '0';
    opts.onProgress?.(0, total);
    for (;;) {
      const { rows } = await client.query(
        `SELECT id, guild_id, user_id, amount, occurred_at, xp_after, level_after FROM "${schema}".xp_events
         WHERE id > $1 ORDER BY id LIMIT $2`,
        [lastId, pageSize],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const key = memberKey(r.guild_id, r.user_id);
        let m = folded.get(key);
        if (!m) {
          m = { guildId: r.guild_id, userId: r.user_id, xp: 0, level: 0, messages: 0, lastAwardAt: null };
          folded.set(key, m);
        }
        m.xp += r.amount;
        m.messages += 1;
        m.level = r.level_after;
        if (r.amount > 0) m.lastAwardAt = (r.occurred_at as Date).getTime();
        if (Number(r.xp_after) !== m.xp) inconsistencies++;
      }
      lastId = rows[rows.length - 1].id;
      done += rows.length;
      opts.onProgress?.(done, Math.max(total, done));
    }

    if (opts.reapplyPolicy) {
      const guildIds = [...new Set([...folded.values()].map((m) => m.guildId))];
      const newest = await new PolicyHistory(schema).newest(client, guildIds);
      for (const m of folded.values())
        m.level = levelFor((newest.get(m.guildId)?.policy ?? DEFAULT_POLICY).curve, m.xp);
    }

    let levelChanges = 0;
    for (const [key, m] of folded) if ((before.get(key) ?? 0) !== m.level) levelChanges++;

    await client.query(`DELETE FROM "${schema}".member_xp`);
    const all = [...folded.values()];
    for (let i = 0; i < all.length; i += 5000) await projection.save(client, all.slice(i, i + 5000));
    await client.query('COMMIT');
    return { events: done, members: folded.size, levelChanges, inconsistencies };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function storedLevels(client: { query: Pool['query'] }, schema: string): Promise<Map<string, number>> {
  const { rows } = await client.query(`SELECT guild_id, user_id, level FROM "${schema}".member_xp`);
  return new Map(rows.map((r) => [memberKey(r.guild_id, r.user_id), r.level as number]));
}
