import { AsyncLocalStorage } from 'node:async_hooks';
import type { RateLimitData } from 'discord.js';

/**
 * The longest wait, in ms, the action being executed may spend on a route's rate limit; set
 * only around action requests, so the reconciler, the interaction desk and command
 * registration keep discord.js' default of waiting.
 */
const parkAfter = new AsyncLocalStorage<number>();

/** Runs `call` so that a route limit longer than `afterMs` throws a RateLimitError instead of waiting. */
export function withRateLimitParking<T>(afterMs: number, call: () => Promise<T>): Promise<T> {
  return parkAfter.run(afterMs, call);
}

/**
 * discord.js' `rejectOnRateLimit`. A route limit belongs to one channel or guild, so waiting
 * for it inside a lane would hold every other guild of the lane: the action is set aside
 * instead. The global limit is everyone's: setting actions aside would not help, so it waits.
 */
export function rejectLongRateLimit(limit: RateLimitData): boolean {
  const afterMs = parkAfter.getStore();
  if (afterMs === undefined || limit.global) return false;
  return Math.max(limit.retryAfter, limit.timeToReset) > afterMs;
}
