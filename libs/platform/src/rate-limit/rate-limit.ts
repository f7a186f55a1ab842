/**
 * A cap on how often something may happen within a sliding window, counted per member or per
 * guild. Pure: the caller counts (in Postgres, so every replica sees the same count) and this
 * decides, so the HTTP 429, the Discord reply and the tests all read the same verdict.
 */
export interface RateLimit {
  /** What is counted, plural: "role requests". */
  what: string;
  /** Whom it is counted for: "member", "guild". */
  per: string;
  max: number;
  windowSeconds: number;
}

/** What already happened within the window: how many, and when the oldest of them did (epoch ms). */
export interface WindowCount {
  count: number;
  oldestAt: number | null;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

export function rateVerdict(limit: RateLimit, recent: WindowCount, now: number): RateVerdict {
  if (recent.count < limit.max) return { ok: true };
  // When the oldest one leaves the window there is room again (unless the count was already over
  // a limit that has since been lowered: Retry-After is then only the earliest moment to try).
  const freesAt = (recent.oldestAt ?? now) + limit.windowSeconds * 1000;
  const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - now) / 1000));
  return {
    ok: false,
    retryAfterSeconds,
    message: `${rateLimitText(limit)}; try again in ${retryAfterSeconds} s`,
  };
}

/** "at most 10 role requests per minute per member" */
export function rateLimitText(limit: RateLimit): string {
  return `at most ${limit.max} ${limit.what} per ${windowText(limit.windowSeconds)} per ${limit.per}`;
}

function windowText(seconds: number): string {
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds === 86_400) return 'day';
  return seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${seconds} s`;
}
