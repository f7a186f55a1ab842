/** Discord's epoch, the first second of 2015: snowflake timestamps count from here. */
export const DISCORD_EPOCH = 1420070400000;

const EPOCH = BigInt(DISCORD_EPOCH);
/** Explicit timestamps get worker ids from 16 up, so they never collide with live ids. */
const EXPLICIT_WORKER_BASE = 16;
const MAX_INCREMENT = 0xfff;
/**
 * How many chosen milliseconds keep their counters. Past this the least recently used one is
 * forgotten, one at a time: a millisecond in use (a burst of messages at the same moment) is
 * always the most recent, so its ids never repeat.
 */
const DEFAULT_TRACKED_MS = 1_000_000;

export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + EPOCH);
}

/** Lowest possible snowflake for a moment: useful as an `after` cursor. */
export function snowflakeFloor(atMs: number): string {
  return ((BigInt(atMs) - EPOCH) << 22n).toString();
}

function compose(ms: number, worker: number, increment: number): string {
  return (((BigInt(ms) - EPOCH) << 22n) | (BigInt(worker) << 17n) | BigInt(increment)).toString();
}

/**
 * Unique, time-ordered snowflakes. `next()` is monotonic (borrows the next millisecond when
 * 4096 ids were issued in one); `at(ms)` derives an id from a chosen moment so that
 * discord.js' `createdAt` equals it, spreading up to 16 × 4096 ids per millisecond.
 */
export class SnowflakeGenerator {
  private lastMs = 0;
  private increment = 0;
  private readonly explicitCounters = new Map<number, number>();

  constructor(
    private readonly workerId = 1,
    private readonly trackedMs = DEFAULT_TRACKED_MS,
  ) {
    if (workerId < 0 || workerId >= EXPLICIT_WORKER_BASE) throw new RangeError('workerId must be 0..15');
  }

  next(now = Date.now()): string {
    if (now > this.lastMs) {
      this.lastMs = now;
      this.increment = 0;
    } else if (++this.increment > MAX_INCREMENT) {
      this.lastMs += 1;
      this.increment = 0;
    }
    return compose(this.lastMs, this.workerId, this.increment);
  }

  at(ms: number): string {
    if (!Number.isFinite(ms) || ms < DISCORD_EPOCH)
      throw new RangeError(`timestamp before the Discord epoch: ${ms}`);
    const ts = Math.floor(ms);
    const counters = this.explicitCounters;
    const n = counters.get(ts) ?? 0;
    if (n > (MAX_INCREMENT + 1) * EXPLICIT_WORKER_BASE - 1)
      throw new RangeError(`too many ids for ${new Date(ts).toISOString()}`);
    // Map order is insertion order: re-inserting keeps the oldest-used millisecond first.
    counters.delete(ts);
    counters.set(ts, n + 1);
    if (counters.size > this.trackedMs) counters.delete(counters.keys().next().value!);
    return compose(ts, EXPLICIT_WORKER_BASE + (n >> 12), n & MAX_INCREMENT);
  }
}
