import { baseConfig, BaseConfig, ConfigError } from '@guildhall/platform';

export interface OnboardingConfig {
  base: BaseConfig;
  /** Envelopes per consumer batch; joins and clicks are rare next to messages, so small is fine. */
  batchSize: number;
}

/** Parsed once at startup; every problem reported together. */
export function onboardingConfig(env: NodeJS.ProcessEnv = process.env): OnboardingConfig {
  const base = baseConfig('onboarding', 3103, env);
  const text = env.ONBOARDING_BATCH_SIZE?.trim();
  const batchSize = text ? Number(text) : 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000 || (text && !/^\d+$/.test(text)))
    throw new ConfigError('onboarding', [`ONBOARDING_BATCH_SIZE "${text}" must be an integer from 1 to 5000`]);
  return { base, batchSize };
}
