import { DEFAULT_RULES } from '../domain/default-rules';
import type { Fact } from '../domain/facts';
import type { RuleSet } from '../domain/rules';
import { qualify, Queryable } from './queryable';

/** Until a guild publishes its own, its rules are the defaults as version 1. */
export const DEFAULT_RULE_SET: RuleSet = {
  version: 1,
  rules: [...DEFAULT_RULES],
  requiresReagreement: false,
};

export interface PublishedRuleSet extends RuleSet {
  publishedAt: string | null;
}

/** Every published version of every guild's rules; the newest is in force. */
export class RuleSetsProjection {
  private readonly table: string;
  constructor(schema: string) {
    this.table = qualify(schema, 'rule_sets');
  }

  async apply(db: Queryable, f: Fact): Promise<void> {
    if (f.type !== 'rules.published') return;
    await db.query(
      `INSERT INTO ${this.table} (guild_id, version, rules, requires_reagreement, published_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guild_id, version) DO NOTHING`,
      [f.guildId, f.data.version, JSON.stringify(f.data.rules), f.data.requiresReagreement, f.occurredAt],
    );
  }

  async current(db: Queryable, guildId: string): Promise<PublishedRuleSet> {
    const { rows } = await db.query(
      `SELECT version, rules, requires_reagreement, published_at FROM ${this.table} WHERE guild_id = $1 ORDER BY version DESC LIMIT 1`,
      [guildId],
    );
    if (rows.length === 0) return { ...DEFAULT_RULE_SET, publishedAt: null };
    const r = rows[0];
    return {
      version: r.version,
      rules: r.rules,
      requiresReagreement: r.requires_reagreement,
      publishedAt: new Date(r.published_at).toISOString(),
    };
  }
}
