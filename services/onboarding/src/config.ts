import { baseConfig, BaseConfig, ConfigError } from '@guildhall/platform';

export interface OnboardingConfig {
  base: BaseConfig;
  /** Envelopes per consumer batch; joins and clicks are rare next to messages, so small is fine. */
  batchSize: number;
  /** Where moderators find the dashboard; /setup and /reconnect link to its onboarding page. No trailing slash. */
  dashboardUrl: string;
}

/** Parsed once at startup; every problem reported together. */
export function onboardingConfig(env: NodeJS.ProcessEnv = process.env): OnboardingConfig {
  const base = baseConfig('onboarding', 3103, env);
  const problems: string[] = [];
  const text = env.ONBOARDING_BATCH_SIZE?.trim();
  const batchSize = text ? Number(text) : 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000 || (text && !/^\d+$/.test(text)))
    problems.push(`ONBOARDING_BATCH_SIZE "${text}" must be an integer from 1 to 5000`);
  const dashboardUrl = (env.DASHBOARD_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(dashboardUrl))
    problems.push(`DASHBOARD_URL "${env.DASHBOARD_URL}" must be an http(s) URL`);
  if (problems.length > 0) throw new ConfigError('onboarding', problems);
  return { base, batchSize, dashboardUrl };
}
