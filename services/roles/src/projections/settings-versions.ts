import type { SettingSnapshot } from '@guildhall/config-history';
import type { Tx } from '@guildhall/eventing';
import type { CatalogSnapshot } from '../domain/catalog-changes';
import type { RewardTable } from '../domain/level-rewards';
import { loadCatalog } from './catalog.projection';
import { loadRewardTable } from './rewards.projection';

export interface SettingValues {
  catalog: CatalogSnapshot;
  rewards: RewardTable;
}
export type VersionedSetting = keyof SettingValues;
export const VERSIONED_SETTINGS: readonly VersionedSetting[] = ['catalog', 'rewards'];

/** The catalog as its projection holds it now, as one value (categories by position, roles by label). */
export async function catalogSnapshot(tx: Tx, s: string, guildId: string): Promise<CatalogSnapshot> {
  const catalog = await loadCatalog(tx, s, guildId);
  return { categories: [...catalog.categories.values()], roles: [...catalog.roles.values()] };
}

/** settings_versions: whole versions of the catalog and rewards, appended with each change. */
export class SettingsVersions {
  constructor(private readonly s: string) {}

  /**
   * Records the setting as the caller's transaction left it. A lock per guild and setting
   * serialises two moderators saving at once, so each gets its own number and a whole snapshot.
   */
  async record<K extends VersionedSetting>(
    tx: Tx,
    guildId: string,
    setting: K,
    by: string,
    restoredFrom: number | null = null,
  ): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [
      `${this.s}.settings_versions`,
      `${guildId}:${setting}`,
    ]);
    const value =
      setting === 'catalog'
        ? await catalogSnapshot(tx, this.s, guildId)
        : await loadRewardTable(tx, this.s, guildId);
    const { rows } = await tx.query(
      `INSERT INTO ${this.s}.settings_versions (guild_id, setting, version, value, changed_by, restored_from)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5 FROM ${this.s}.settings_versions WHERE guild_id = $1 AND setting = $2
       RETURNING version`,
      [guildId, setting, JSON.stringify(value), by, restoredFrom],
    );
    return rows[0].version;
  }

  async current(db: Tx, guildId: string, setting: VersionedSetting): Promise<number> {
    const { rows } = await db.query(
      `SELECT coalesce(max(version), 0)::int AS v FROM ${this.s}.settings_versions WHERE guild_id = $1 AND setting = $2`,
      [guildId, setting],
    );
    return rows[0].v;
  }

  /** Versions below `before`, newest first, at most `limit`: a range scan of the primary key. */
  async page<K extends VersionedSetting>(
    db: Tx,
    guildId: string,
    setting: K,
    before: number | null,
    limit: number,
  ): Promise<SettingSnapshot<SettingValues[K]>[]> {
    const { rows } = await db.query(
      `SELECT version, value, changed_by, changed_at, restored_from FROM ${this.s}.settings_versions
       WHERE guild_id = $1 AND setting = $2 AND version < $3 ORDER BY version DESC LIMIT $4`,
      [guildId, setting, before ?? 2_147_483_647, limit],
    );
    return rows.map((r) => ({
      version: r.version,
      at: new Date(r.changed_at).toISOString(),
      by: r.changed_by,
      value: r.value,
      restoredFrom: r.restored_from,
    }));
  }

  async at<K extends VersionedSetting>(
    db: Tx,
    guildId: string,
    setting: K,
    version: number,
  ): Promise<SettingValues[K] | undefined> {
    const { rows } = await db.query(
      `SELECT value FROM ${this.s}.settings_versions WHERE guild_id = $1 AND setting = $2 AND version = $3`,
      [guildId, setting, version],
    );
    return rows[0]?.value;
  }
}
