import { baseConfig, BaseConfig, ConfigError } from '@guildhall/platform';
import { quizAttemptLimits, type QuizAttemptLimits } from './domain/quiz-limits';

export interface OnboardingConfig {
  base: BaseConfig;
  /** Envelopes per consumer batch; joins and clicks are rare next to messages, so small is fine. */
  batchSize: number;
  /** Where moderators find the dashboard; /setup and /reconnect link to its onboarding page. No trailing slash. */
  dashboardUrl: string;
  quizAttemptLimits: QuizAttemptLimits;
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
  const int = (name: string, fallback: number, max: number): number => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
      problems.push(`${name} "${value}" must be an integer from 1 to ${max}`);
    return Number(value);
  };
  const limits = quizAttemptLimits(
    int('ONBOARDING_MEMBER_QUIZ_ATTEMPTS_PER_HOUR', 20, 10_000),
    int('ONBOARDING_GUILD_QUIZ_ATTEMPTS_PER_HOUR', 10_000, 10_000_000),
  );
  if (problems.length > 0) throw new ConfigError('onboarding', problems);
  return { base, batchSize, dashboardUrl, quizAttemptLimits: limits };
}
