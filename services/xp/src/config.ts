import { baseConfig, BaseConfig, ConfigError, SCHEMA_NAME } from '@guildhall/platform';
import { DEFAULT_POLICY_VERSIONS_PER_HOUR } from './domain/policy-limits';
import { DEFAULT_POLICY_CACHE_BYTES } from './projections/policy-history';

export interface XpConfig {
  base: BaseConfig;
  /** Messages per consumer batch: larger batches amortise the per-transaction round trips. */
  messageBatchSize: number;
  /**
   * Whether every award is also published as `xp.awarded` on DOMAIN. Off by default: nothing in
   * the platform consumes it yet (roles need only `xp.level_reached`, the dashboard reads HTTP,
   * analytics reads `message.created`), and at one award per message it would double outbox
   * writes and DOMAIN traffic on the hottest path.
   */
  publishAwarded: boolean;
  /** Leaderboard page size in Discord (an embed stays readable up to ~15 lines). */
  leaderboardPageSize: number;
  /** Memory for the newest policy of recently active guilds (an LRU, by size). */
  policyCacheBytes: number;
  /** Policy versions (saves and restores) a guild may record per hour. */
  policyVersionsPerHour: number;
}

/** Parsed once at startup; every problem reported together. */
export function xpConfig(env: NodeJS.ProcessEnv = process.env): XpConfig {
  const base = baseConfig('xp', 3101, env);
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max)
      problems.push(`${name} "${text}" must be an integer from ${min} to ${max}`);
    return n;
  };
  // Under a backlog a batch of 4000 writes each busy member once instead of four times: the
  // bench's xp-alone rate goes from 19k to 30k events/s. A quiet guild's batches stay small
  // (a fetch returns what arrived within 100 ms), so latency does not change.
  const messageBatchSize = int('XP_BATCH_SIZE', 4000, 1, 10_000);
  const leaderboardPageSize = int('XP_LEADERBOARD_PAGE_SIZE', 10, 1, 25);
  const policyCacheBytes = int('XP_POLICY_CACHE_BYTES', DEFAULT_POLICY_CACHE_BYTES, 4096, 1024 ** 3);
  const policyVersionsPerHour = int('XP_POLICY_VERSIONS_PER_HOUR', DEFAULT_POLICY_VERSIONS_PER_HOUR, 1, 3600);
  const awardedText = env.XP_PUBLISH_AWARDED?.trim().toLowerCase();
  if (awardedText && !['true', 'false', '1', '0'].includes(awardedText))
    problems.push(`XP_PUBLISH_AWARDED "${awardedText}" must be true or false`);
  if (problems.length > 0) throw new ConfigError('xp', problems);
  return {
    base,
    messageBatchSize,
    publishAwarded: awardedText === 'true' || awardedText === '1',
    leaderboardPageSize,
    policyCacheBytes,
    policyVersionsPerHour,
  };
}

/** The rebuild CLI needs only the database: no NATS, no port, no secret. */
export function rebuildConfig(env: NodeJS.ProcessEnv = process.env): { databaseUrl: string; schema: string } {
  const databaseUrl = env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = env.DB_SCHEMA?.trim() || 'xp';
  if (!SCHEMA_NAME.test(schema))
    throw new ConfigError('xp', [`DB_SCHEMA "${schema}" must match ${SCHEMA_NAME}`]);
  return { databaseUrl, schema };
}
