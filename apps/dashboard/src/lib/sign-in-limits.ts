import { LruCache } from '@guildhall/platform/src/cache/lru-cache';
import { dashboardEnv } from './env';

/**
 * How often one address or one Discord account may sign in. Each sign-in costs Discord calls made
 * with the member's token and reads in the services; a script replaying `prompt=none` sign-ins
 * would otherwise spend them as fast as it can redirect.
 *
 * The counts live in this process: with N dashboard replicas an address gets at most N times the
 * limit, which still bounds the cost (docs/security.md).
 */
export class SlidingWindowLimiter {
  private readonly hits: LruCache<string, number[]>;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Past this many keys the oldest are forgotten, so random keys cannot grow the map without end. */
    maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {
    this.hits = new LruCache(maxKeys);
  }

  /** Counts one attempt for `key`; false when it is over the limit (a refused attempt is not counted). */
  admit(key: string): boolean {
    const now = this.now();
    const since = now - this.windowMs;
    const times = this.hits.get(key);
    if (!times) {
      this.hits.set(key, [now]);
      return true;
    }
    let first = 0;
    while (first < times.length && times[first] <= since) first++;
    if (first > 0) times.splice(0, first);
    if (times.length >= this.limit) return false;
    times.push(now);
    return true;
  }
}

const TEN_MINUTES = 10 * 60_000;

let limiters: { address: SlidingWindowLimiter; user: SlidingWindowLimiter } | undefined;

/**
 * The process-wide limiters: per address 30 logins and 30 callbacks in 10 minutes (keys name the
 * step), per Discord account 10 sign-ins in 10 minutes. `SIGN_IN_LIMIT_PER_ADDRESS` and
 * `SIGN_IN_LIMIT_PER_USER` change them.
 */
export function signInLimiters() {
  limiters ??= {
    address: new SlidingWindowLimiter(dashboardEnv().signInLimitPerAddress, TEN_MINUTES),
    user: new SlidingWindowLimiter(dashboardEnv().signInLimitPerUser, TEN_MINUTES),
  };
  return limiters;
}
