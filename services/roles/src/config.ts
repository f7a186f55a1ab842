import { baseConfig, BaseConfig, ConfigError } from '@guildhall/platform';
import { requestLimits, type RequestLimits } from './domain/request-limits';
import type { RetryPolicy } from './domain/retry-policy';

export interface RolesConfig {
  base: BaseConfig;
  retry: RetryPolicy;
  /** How often the sweep looks for retries that are due. */
  sweepEveryMs: number;
  /** An action with no result after this long counts as a retryable failure. */
  resultTimeoutMs: number;
  /** Members per transaction when a reward table is re-applied. */
  rewardJobBatchSize: number;
  requestLimits: RequestLimits;
}

/** Parsed once at startup; every problem reported together. */
export function rolesConfig(env: NodeJS.ProcessEnv = process.env): RolesConfig {
  const base = baseConfig('roles', 3102, env);
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max)
      problems.push(`${name} "${text}" must be an integer from ${min} to ${max}`);
    return n;
  };
  const config: RolesConfig = {
    base,
    retry: {
      maxAttempts: int('ROLES_MAX_ATTEMPTS', 5, 1, 50),
      baseDelayMs: int('ROLES_RETRY_BASE_MS', 2_000, 1, 3_600_000),
      maxDelayMs: int('ROLES_RETRY_MAX_MS', 300_000, 1, 86_400_000),
    },
    sweepEveryMs: int('ROLES_SWEEP_MS', 1_000, 10, 600_000),
    resultTimeoutMs: int('ROLES_RESULT_TIMEOUT_MS', 120_000, 100, 86_400_000),
    rewardJobBatchSize: int('ROLES_REWARD_JOB_BATCH', 200, 1, 10_000),
    requestLimits: requestLimits(
      int('ROLES_MEMBER_REQUESTS_PER_MINUTE', 10, 1, 1000),
      int('ROLES_GUILD_REQUESTS_PER_MINUTE', 300, 1, 100_000),
    ),
  };
  if (problems.length > 0) throw new ConfigError('roles', problems);
  return config;
}
