import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** What an action names besides its guild, each of which must be in that guild. */
export type TargetKind = 'channel' | 'role' | 'member';

/** What executing one action came to; a Discord error is an outcome, not an exception. */
export interface ActionOutcome {
  ok: boolean;
  httpStatus?: number;
  /** Discord's JSON error code, e.g. 50013 Missing Permissions. */
  discordCode?: number;
  error?: string;
  retryable?: boolean;
  resultId?: string;
  /** Set when discord.js refused to wait out a route's rate limit (see rate-limit-parking.ts). */
  rateLimitedMs?: number;
  /** Set when the gateway refused the action itself: this target is not in the action's guild (action-targets.ts). */
  refused?: TargetKind;
}

export const done = (httpStatus: number, resultId?: string): ActionOutcome =>
  resultId === undefined ? { ok: true, httpStatus } : { ok: true, httpStatus, resultId };

/** Network failures that discord.js' REST already retried; trying later may well work. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Turns an error from discord.js' REST (after its own retries of 5xx and timeouts) into a
 * result. Rate limits and server errors are retryable; 4xx such as 403 (role above the bot)
 * or 404 are not: retrying the same request cannot succeed. Anything else is a bug and is
 * rethrown, so the consumer retries it and finally dead-letters it with the reason.
 */
export function outcomeOfError(e: unknown): ActionOutcome {
  if (e instanceof DiscordAPIError) {
    const out: ActionOutcome = {
      ok: false,
      httpStatus: e.status,
      error: e.message,
      retryable: e.status === 429 || e.status >= 500,
    };
    if (typeof e.code === 'number') out.discordCode = e.code;
    return out;
  }
  if (e instanceof HTTPError)
    return { ok: false, httpStatus: e.status, error: `${e.status} ${e.message}`, retryable: true };
  if (e instanceof RateLimitError) {
    const ms = Math.max(e.retryAfter, e.timeToReset);
    return {
      ok: false,
      httpStatus: 429,
      error: `${e.method.toUpperCase()} ${e.route} is rate limited for ${ms} ms`,
      retryable: true,
      rateLimitedMs: ms,
    };
  }
  if (e instanceof Error) {
    const code =
      (e as Error & { code?: unknown; cause?: { code?: unknown } }).code ??
      (e as { cause?: { code?: unknown } }).cause?.code;
    if (e.name === 'AbortError')
      return { ok: false, error: 'Discord did not answer in time', retryable: true };
    if (typeof code === 'string' && NETWORK_CODES.has(code))
      return { ok: false, error: `cannot reach Discord: ${code}`, retryable: true };
    if (e.name === 'TypeError' && e.message === 'fetch failed')
      return { ok: false, error: 'cannot reach Discord: fetch failed', retryable: true };
  }
  throw e;
}

/** Runs one REST call and reports it as an outcome. */
export async function attempt(call: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await call();
  } catch (e) {
    return outcomeOfError(e);
  }
}
