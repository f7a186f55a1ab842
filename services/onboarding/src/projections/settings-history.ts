import type { SettingSnapshot } from '@guildhall/config-history';
import type { Rule } from '../domain/rules';
import { DEFAULT_SETTINGS, GuildSettings, RoleSlot } from '../domain/setup';
import { qualify, Queryable } from './queryable';
import { DEFAULT_RULE_SET } from './rule-sets.projection';

export interface RulesContent {
  rules: Rule[];
  requiresReagreement: boolean;
}

/**
 * A setup version, and the settings as they stood just before the next one: roles the service
 * created or adopted in between (role.assigned) are not a moderator's change, so the next
 * version's diff starts from them.
 */
export interface SetupContent {
  settings: GuildSettings;
  standing: GuildSettings;
}

export const RULES_BASELINE: SettingSnapshot<RulesContent> = {
  version: DEFAULT_RULE_SET.version,
  at: null,
  by: null,
  value: { rules: DEFAULT_RULE_SET.rules, requiresReagreement: false },
};

const MAX_VERSION = 2_147_483_647;

/** The history of the rules and of the setup, read from onboarding_events through partial indexes. */
export class SettingsHistory {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'onboarding_events');
  }

  /** Published rules versions below `before`, newest first. */
  async rules(
    db: Queryable,
    guildId: string,
    before: number | null,
    limit: number,
  ): Promise<SettingSnapshot<RulesContent>[]> {
    const { rows } = await db.query(
      `SELECT data, occurred_at FROM ${this.table}
       WHERE guild_id = $1 AND type = 'rules.published' AND (data->>'version')::int < $2
       ORDER BY (data->>'version')::int DESC LIMIT $3`,
      [guildId, before ?? MAX_VERSION, limit],
    );
    return rows.map((r) => ({
      version: r.data.version,
      at: new Date(r.occurred_at).toISOString(),
      by: r.data.by,
      value: { rules: r.data.rules, requiresReagreement: r.data.requiresReagreement },
      restoredFrom: r.data.restoredFrom ?? null,
    }));
  }

  async rulesVersion(db: Queryable, guildId: string, version: number): Promise<RulesContent | undefined> {
    const { rows } = await db.query(
      `SELECT data FROM ${this.table} WHERE guild_id = $1 AND type = 'rules.published' AND (data->>'version')::int = $2`,
      [guildId, version],
    );
    if (rows[0]) return { rules: rows[0].data.rules, requiresReagreement: rows[0].data.requiresReagreement };
    return version === RULES_BASELINE.version ? RULES_BASELINE.value : undefined;
  }

  /** How many times the setup was saved: its current version (0 = never, the defaults). */
  async setupVersionCount(db: Queryable, guildId: string): Promise<number> {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE guild_id = $1 AND type = 'setup.updated'`,
      [guildId],
    );
    return rows[0].n;
  }

  /**
   * Setup versions below `before` (numbered 1, 2, … in the order they were saved), newest first,
   * `limit + 1` at most (the extra one is the base of the last diff), each with its `standing`
   * settings; the defaults as version 0 with the roles assigned before the first save.
   */
  async setup(
    db: Queryable,
    guildId: string,
    before: number,
    limit: number,
  ): Promise<{ rows: SettingSnapshot<SetupContent>[]; baseline: SettingSnapshot<SetupContent> }> {
    const { rows } = await db.query(
      `SELECT seq, type, data, occurred_at, version FROM (
         SELECT seq, type, data, occurred_at, count(*) FILTER (WHERE type = 'setup.updated') OVER (ORDER BY seq)::int AS version
         FROM ${this.table} WHERE guild_id = $1 AND type IN ('setup.updated', 'role.assigned')
       ) facts WHERE version < $2 AND version >= $2 - $3 - 1 ORDER BY seq`,
      [guildId, before, limit],
    );
    // Oldest first: each version's standing settings absorb the role assignments that follow it.
    const versions: (SettingSnapshot<SetupContent> & { seq: number })[] = [];
    let standing: GuildSettings = DEFAULT_SETTINGS;
    const baselineStanding = { value: DEFAULT_SETTINGS };
    for (const r of rows) {
      if (r.type === 'setup.updated') {
        standing = r.data.settings;
        versions.push({
          seq: Number(r.seq),
          version: r.version,
          at: new Date(r.occurred_at).toISOString(),
          by: r.data.by,
          value: { settings: r.data.settings, standing },
          restoredFrom: r.data.restoredFrom ?? null,
        });
      } else {
        standing = assignRole(standing, r.data.slot, r.data.roleId);
        const last = versions[versions.length - 1];
        if (last) last.value = { ...last.value, standing };
        else if (r.version === 0) baselineStanding.value = standing;
      }
    }
    const newestFirst = versions.reverse().map(({ seq: _seq, ...v }) => v);
    return {
      rows: newestFirst,
      baseline: {
        version: 0,
        at: null,
        by: null,
        value: { settings: DEFAULT_SETTINGS, standing: baselineStanding.value },
      },
    };
  }

  /** The settings that were in force under `version`, roles assigned meanwhile included: what a restore brings back. */
  async setupVersion(db: Queryable, guildId: string, version: number): Promise<GuildSettings | undefined> {
    const { rows, baseline } = await this.setup(db, guildId, version + 1, 0);
    if (version === 0) return baseline.value.standing;
    return rows.find((r) => r.version === version)?.value.standing;
  }
}

/** As guild-setup.projection applies role.assigned: a role a moderator already chose wins. */
function assignRole(settings: GuildSettings, slot: RoleSlot, roleId: string): GuildSettings {
  const key = slot === 'preMember' ? 'preMemberRoleId' : 'memberRoleId';
  return settings[key] !== null ? settings : { ...settings, [key]: roleId };
}
