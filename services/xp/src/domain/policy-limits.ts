import type { RateLimit } from '@guildhall/platform';

/**
 * Each save is kept for good (history, restore) and read by history pages, so a guild's saves
 * are capped per hour; 30 is far more than an editor saving by hand needs.
 */
export const DEFAULT_POLICY_VERSIONS_PER_HOUR = 30;

export const policyVersionsLimit = (max: number): RateLimit => ({
  what: 'XP policy versions',
  per: 'guild',
  max,
  windowSeconds: 3600,
});
