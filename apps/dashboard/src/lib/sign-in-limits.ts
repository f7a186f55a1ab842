/**
 * How often one address or one Discord account may sign in. Each sign-in costs Discord calls made
 * with the member's token and reads in the services; a script replaying `prompt=none` sign-ins
 * would otherwise spend them as fast as it can redirect.
 *
 * The counts live in this process: with N dashboard replicas an address gets at most N times the
 * limit, which still bounds the cost (docs/security.md).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Past this many keys the oldest are forgotten, so random keys cannot grow the map without end. */
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt for `key`; false when it is over the limit (a refused attempt is not counted). */
  admit(key: string): boolean {
    const now = this.now();
    const since = now - this.windowMs;
    const times = this.hits.get(key);
    if (!times) {
      if (this.hits.size >= this.maxKeys) this.forgetOldest();
      this.hits.set(key, [now]);
      return true;
    }
    let first = 0;
    while (first < times.length && times[first] <= since) first++;
    if (first > 0) times.splice(0, first);
    if (times.length >= this.limit) return false;
    times.push(now);
    // Re-inserted so the map's order stays oldest-used first.
    this.hits.delete(key);
    this.hits.set(key, times);
    return true;
  }

  private forgetOldest(): void {
    const oldest = this.hits.keys().next();
    if (!oldest.done) this.hits.delete(oldest.value);
  }
}

const TEN_MINUTES = 10 * 60_000;

function limitFromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

let limiters: { address: SlidingWindowLimiter; user: SlidingWindowLimiter } | undefined;

/**
 * The process-wide limiters: per address 30 logins and 30 callbacks in 10 minutes (keys name the
 * step), per Discord account 10 sign-ins in 10 minutes. `SIGN_IN_LIMIT_PER_ADDRESS` and
 * `SIGN_IN_LIMIT_PER_USER` change them.
 */
export function signInLimiters() {
  limiters ??= {
    address: new SlidingWindowLimiter(limitFromEnv('SIGN_IN_LIMIT_PER_ADDRESS', 30), TEN_MINUTES),
    user: new SlidingWindowLimiter(limitFromEnv('SIGN_IN_LIMIT_PER_USER', 10), TEN_MINUTES),
  };
  return limiters;
}
