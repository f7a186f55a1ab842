import type { SettingSnapshot } from '@guildhall/config-history';
import type { Tx } from '@guildhall/eventing';
import { LruCache, metrics, rateVerdict, throwIfLimited } from '@guildhall/platform';
import { DEFAULT_POLICY, PolicyVersion, XpPolicy } from '../domain/policy';
import { policyVersionsLimit } from '../domain/policy-limits';

/** Anything that runs SQL: the pool, or a client inside a transaction. */
export type Db = Tx;

export interface PolicyHistoryOptions {
  /** Total size of the cached policies (their JSON) plus a per-entry overhead. */
  cacheBytes?: number;
  /** Versions a guild may save per hour; unlimited when absent (the rebuild CLI only reads). */
  versionsPerHour?: number;
}

/** 32 MiB holds the newest policy of ~60,000 guilds with small ones (a few hundred bytes), or ~800 maximal (40 KB). */
export const DEFAULT_POLICY_CACHE_BYTES = 32 * 1024 * 1024;
/** The map slot, key and objects of one entry besides the policy's own size (measured: ~100 B). */
const ENTRY_OVERHEAD_BYTES = 256;

const cachedGuilds = () =>
  metrics.gauge('xp_policy_cache_guilds', 'Guilds whose XP policy versions are cached in memory');
const cachedBytes = () =>
  metrics.gauge(
    'xp_policy_cache_bytes',
    'Estimated size of the cached XP policies (bounded by XP_POLICY_CACHE_BYTES)',
  );
const versionsLoaded = () =>
  metrics.counter('xp_policy_versions_loaded_total', 'XP policy versions read from Postgres into memory');

/**
 * The policy history per guild. Memory holds only each guild's newest version, in an LRU
 * bounded by size; a guild that never changed its policy is not held at all. Each batch asks
 * Postgres for the newest version number of its guilds (one small indexed query) and reloads
 * only what changed, so a PUT on any replica is picked up by the next batch on every replica.
 * Older versions are read only for messages sent before the newest one took effect, and then
 * only those in force when they were sent, however long the history.
 */
export class PolicyHistory {
  private readonly cache: LruCache<string, PolicyVersion>;

  constructor(
    private readonly schema: string,
    private readonly options: PolicyHistoryOptions = {},
  ) {
    this.cache = new LruCache(options.cacheBytes ?? DEFAULT_POLICY_CACHE_BYTES);
    // Registered now, so a scrape shows an empty cache as 0 rather than nothing.
    this.report();
  }

  /**
   * For each guild, the versions in force at the given message times (epoch ms), oldest first:
   * what `policyAt` needs for each of those times. Guilds that never changed their policy map
   * to []. Usually only the newest version: older ones are read just for messages sent before it
   * took effect, one version per moment, however long the history.
   */
  async versionsFor(
    db: Db,
    times: ReadonlyMap<string, readonly number[]>,
  ): Promise<Map<string, PolicyVersion[]>> {
    const newest = await this.newest(db, [...times.keys()]);
    const out = new Map<string, PolicyVersion[]>();
    const earlier: Array<{ guildId: string; at: number }> = [];
    for (const [guildId, ats] of times) {
      const last = newest.get(guildId);
      out.set(guildId, last ? [last] : []);
      if (last) for (const at of new Set(ats)) if (at < last.effectiveAt) earlier.push({ guildId, at });
    }
    if (earlier.length === 0) return out;
    for (const v of await this.inForceAt(db, earlier)) {
      const list = out.get(v.guildId)!;
      if (v.version.version !== list[list.length - 1].version) list.splice(list.length - 1, 0, v.version);
    }
    return out;
  }

  /** The newest version of each guild that has one. */
  async newest(db: Db, guildIds: readonly string[]): Promise<Map<string, PolicyVersion>> {
    const out = new Map<string, PolicyVersion>();
    if (guildIds.length === 0) return out;
    const { rows } = await db.query(
      `SELECT guild_id, max(version)::int AS version FROM "${this.schema}".policy_events
       WHERE guild_id = ANY($1::text[]) GROUP BY guild_id`,
      [guildIds],
    );
    const stale: Array<{ guildId: string; version: number }> = [];
    for (const r of rows) {
      const cached = this.cache.get(r.guild_id);
      if (cached && cached.version === r.version) out.set(r.guild_id, cached);
      else stale.push({ guildId: r.guild_id, version: r.version });
    }
    if (stale.length === 0) return out;
    const loaded = await db.query(
      `SELECT p.guild_id, p.version, p.policy, p.effective_at, octet_length(p.policy::text) AS bytes
       FROM unnest($1::text[], $2::int[]) AS w(guild_id, version)
       JOIN "${this.schema}".policy_events p USING (guild_id, version)`,
      [stale.map((s) => s.guildId), stale.map((s) => s.version)],
    );
    versionsLoaded().inc(loaded.rows.length);
    for (const r of loaded.rows) {
      const version = toVersion(r);
      this.cache.set(r.guild_id, version, r.bytes + ENTRY_OVERHEAD_BYTES);
      out.set(r.guild_id, version);
    }
    this.report();
    return out;
  }

  async current(
    db: Db,
    guildId: string,
  ): Promise<{ version: number; effectiveAt: number | null; policy: XpPolicy }> {
    const last = (await this.newest(db, [guildId])).get(guildId);
    return {
      version: last?.version ?? 0,
      effectiveAt: last?.effectiveAt ?? null,
      policy: last?.policy ?? DEFAULT_POLICY,
    };
  }

  /**
   * Appends a version, unless the guild already saved its hourly cap (429 then). Its effective
   * time never precedes the previous one, so versions stay in time order even if replicas'
   * clocks disagree. The cap and the version number are read in the same statement, and two
   * saves of one version number cannot both commit, so concurrent saves cannot pass the cap.
   */
  async append(
    db: Db,
    guildId: string,
    policy: XpPolicy,
    changedBy: string,
    restoredFrom: number | null = null,
  ): Promise<PolicyVersion> {
    const limit = this.options.versionsPerHour;
    const { rows } = await db.query(
      `INSERT INTO "${this.schema}".policy_events (guild_id, version, policy, changed_by, effective_at, restored_from)
       SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3, greatest(now(), coalesce(max(effective_at), now())), $4
       FROM "${this.schema}".policy_events WHERE guild_id = $1
       HAVING $5::int IS NULL OR count(*) FILTER (WHERE effective_at > now() - interval '1 hour') < $5::int
       RETURNING version, effective_at`,
      [guildId, JSON.stringify(policy), changedBy, restoredFrom, limit ?? null],
    );
    if (rows.length === 0) await this.refuseOverCap(db, guildId, limit!);
    this.cache.delete(guildId);
    this.report();
    return { version: rows[0].version, effectiveAt: (rows[0].effective_at as Date).getTime(), policy };
  }

  /**
   * Stored versions below `before` (all when null), newest first, at most `limit` of them: one
   * index range scan on the primary key, however long the history.
   */
  async page(
    db: Db,
    guildId: string,
    before: number | null,
    limit: number,
  ): Promise<SettingSnapshot<XpPolicy>[]> {
    const { rows } = await db.query(
      `SELECT version, policy, changed_by, effective_at, restored_from FROM "${this.schema}".policy_events
       WHERE guild_id = $1 AND version < $2 ORDER BY version DESC LIMIT $3`,
      [guildId, before ?? 2_147_483_647, limit],
    );
    return rows.map((r) => ({
      version: r.version,
      at: (r.effective_at as Date).toISOString(),
      by: r.changed_by,
      value: r.policy as XpPolicy,
      restoredFrom: r.restored_from,
    }));
  }

  /** One version's policy; version 0 is the product defaults every guild starts from. */
  async at(db: Db, guildId: string, version: number): Promise<XpPolicy | undefined> {
    if (version === 0) return DEFAULT_POLICY;
    const { rows } = await db.query(
      `SELECT policy FROM "${this.schema}".policy_events WHERE guild_id = $1 AND version = $2`,
      [guildId, version],
    );
    return rows[0]?.policy as XpPolicy | undefined;
  }

  /** Cached guilds and their estimated bytes, also exported as metrics. */
  get cacheSize(): { guilds: number; bytes: number } {
    return { guilds: this.cache.size, bytes: this.cache.weight };
  }

  /**
   * The distinct versions in force at each (guild, moment), oldest first. Message times are
   * whole milliseconds and stored times microseconds: "took effect by t" is
   * `effective_at < t + 1 ms`, which is what comparing truncated times (as policyAt does)
   * means, and each lookup is one probe of the (guild_id, effective_at, version) index.
   */
  private async inForceAt(
    db: Db,
    moments: Array<{ guildId: string; at: number }>,
  ): Promise<Array<{ guildId: string; version: PolicyVersion }>> {
    const { rows } = await db.query(
      `SELECT p.guild_id, p.version, p.policy, p.effective_at FROM "${this.schema}".policy_events p
       WHERE (p.guild_id, p.version) IN (
         SELECT w.guild_id, (SELECT f.version FROM "${this.schema}".policy_events f
                             WHERE f.guild_id = w.guild_id AND f.effective_at < w.until
                             ORDER BY f.effective_at DESC, f.version DESC LIMIT 1)
         FROM unnest($1::text[], $2::timestamptz[]) AS w(guild_id, until))
       ORDER BY p.guild_id, p.version`,
      [moments.map((m) => m.guildId), moments.map((m) => new Date(m.at + 1).toISOString())],
    );
    versionsLoaded().inc(rows.length);
    return rows.map((r) => ({ guildId: r.guild_id, version: toVersion(r) }));
  }

  private async refuseOverCap(db: Db, guildId: string, max: number): Promise<never> {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, extract(epoch FROM min(effective_at)) * 1000 AS oldest,
              extract(epoch FROM now()) * 1000 AS now
       FROM "${this.schema}".policy_events WHERE guild_id = $1 AND effective_at > now() - interval '1 hour'`,
      [guildId],
    );
    const limit = policyVersionsLimit(max);
    const now = Number(rows[0].now);
    // The insert saw the cap reached; if a save has left the window since, a retry at once will pass.
    const recent = {
      count: Math.max(rows[0].n, max),
      oldestAt: rows[0].oldest === null ? now - limit.windowSeconds * 1000 : Number(rows[0].oldest),
    };
    throwIfLimited(rateVerdict(limit, recent, now));
    throw new Error('unreachable: a count at the cap is always refused');
  }

  private report(): void {
    cachedGuilds().set(this.cache.size);
    cachedBytes().set(this.cache.weight);
  }
}

function toVersion(r: { version: number; effective_at: Date; policy: unknown }): PolicyVersion {
  return { version: r.version, effectiveAt: r.effective_at.getTime(), policy: r.policy as XpPolicy };
}
