import type { SettingSnapshot } from '@guildhall/config-history';
import type { Tx } from '@guildhall/eventing';
import { metrics } from '@guildhall/platform';
import { currentPolicy, DEFAULT_POLICY, PolicyVersion, XpPolicy } from '../domain/policy';

/** Anything that runs SQL: the pool, or a client inside a transaction. */
export type Db = Tx;

const cachedGuilds = () =>
  metrics.gauge('xp_policy_cache_guilds', 'Guilds whose XP policy versions are cached in memory');
const versionsLoaded = () =>
  metrics.counter('xp_policy_versions_loaded_total', 'XP policy versions read from Postgres into memory');

/**
 * The policy history per guild, cached in memory. Each batch asks Postgres for the newest
 * version number of its guilds (one small indexed query) and reloads only what changed, so a
 * PUT on any replica is picked up by the next batch on every replica.
 */
export class PolicyHistory {
  private readonly cache = new Map<string, PolicyVersion[]>();

  constructor(private readonly schema: string) {}

  /** Versions for each guild, oldest first; guilds without any map to []. */
  async versionsFor(db: Db, guildIds: readonly string[]): Promise<Map<string, PolicyVersion[]>> {
    const out = new Map<string, PolicyVersion[]>();
    if (guildIds.length === 0) return out;
    const { rows } = await db.query(
      `SELECT guild_id, max(version)::int AS version FROM "${this.schema}".policy_events
       WHERE guild_id = ANY($1::text[]) GROUP BY guild_id`,
      [guildIds],
    );
    const newest = new Map<string, number>(rows.map((r) => [r.guild_id as string, r.version as number]));
    const stale: string[] = [];
    for (const g of guildIds) {
      const cached = this.cache.get(g);
      const latest = newest.get(g) ?? 0;
      const cachedLatest = cached && cached.length > 0 ? cached[cached.length - 1].version : 0;
      if (cached && cachedLatest === latest) out.set(g, cached);
      else if (latest === 0) {
        this.cache.set(g, []);
        cachedGuilds().set(this.cache.size);
        out.set(g, []);
      } else stale.push(g);
    }
    if (stale.length > 0) {
      const loaded = await this.load(db, stale);
      for (const g of stale) {
        const versions = loaded.get(g) ?? [];
        this.cache.set(g, versions);
        out.set(g, versions);
      }
      cachedGuilds().set(this.cache.size);
    }
    return out;
  }

  async current(
    db: Db,
    guildId: string,
  ): Promise<{ version: number; effectiveAt: number | null; policy: XpPolicy }> {
    const versions = (await this.versionsFor(db, [guildId])).get(guildId) ?? [];
    const last = versions[versions.length - 1];
    return {
      version: last?.version ?? 0,
      effectiveAt: last?.effectiveAt ?? null,
      policy: currentPolicy(versions),
    };
  }

  /**
   * Appends a version. Its effective time never precedes the previous one, so versions stay in
   * time order even if replicas' clocks disagree.
   */
  async append(
    db: Db,
    guildId: string,
    policy: XpPolicy,
    changedBy: string,
    restoredFrom: number | null = null,
  ): Promise<PolicyVersion> {
    const { rows } = await db.query(
      `INSERT INTO "${this.schema}".policy_events (guild_id, version, policy, changed_by, effective_at, restored_from)
       SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb, $3, greatest(now(), coalesce(max(effective_at), now())), $4
       FROM "${this.schema}".policy_events WHERE guild_id = $1
       RETURNING version, effective_at`,
      [guildId, JSON.stringify(policy), changedBy, restoredFrom],
    );
    this.cache.delete(guildId);
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

  private async load(db: Db, guildIds: string[]): Promise<Map<string, PolicyVersion[]>> {
    const { rows } = await db.query(
      `SELECT guild_id, version, policy, effective_at FROM "${this.schema}".policy_events
       WHERE guild_id = ANY($1::text[]) ORDER BY guild_id, version`,
      [guildIds],
    );
    versionsLoaded().inc(rows.length);
    const out = new Map<string, PolicyVersion[]>();
    for (const r of rows) {
      const list = out.get(r.guild_id) ?? [];
      list.push({
        version: r.version,
        effectiveAt: (r.effective_at as Date).getTime(),
        policy: r.policy as XpPolicy,
      });
      out.set(r.guild_id, list);
    }
    return out;
  }
}
