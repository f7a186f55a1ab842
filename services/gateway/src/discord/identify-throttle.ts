import { setTimeout as sleep } from 'node:timers/promises';
import type { IIdentifyThrottler } from '@discordjs/ws';
import { inTransaction } from '@guildhall/platform';
import type { Pool } from 'pg';

/** Discord: `max_concurrency` IDENTIFYs per 5 s in each bucket, across every process of the bot. */
export const IDENTIFY_WINDOW_MS = 5000;
/**
 * The slot is taken in Postgres a moment before the IDENTIFY leaves the process, and Discord
 * counts arrivals: a margin keeps a slow send of one and a fast send of the next from landing
 * inside one window.
 */
const SEND_MARGIN_MS = 250;

export interface IdentifyThrottleEvents {
  /** A shard waits `ms` for its bucket's next slot (another shard, maybe of another process, just identified). */
  waiting?(shardId: number, bucket: number, ms: number): void;
}

/**
 * discord.js' identify throttler, for every gateway process at once: the last IDENTIFY of each
 * bucket (shard_id % max_concurrency) is kept in the gateway's schema, and a shard may identify
 * only `windowMs` after it, by Postgres' clock. The check and the reservation happen under a
 * transaction-level advisory lock of the bucket, so two processes never take one slot. Within a
 * process a bucket's shards queue, so one process asks Postgres for one slot at a time.
 * RESUMEs do not pass here: they cost nothing.
 */
export class PostgresIdentifyThrottler implements IIdentifyThrottler {
  private readonly queues = new Map<number, Promise<void>>();
  private readonly lockSpace: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly maxConcurrency: number,
    private readonly events: IdentifyThrottleEvents = {},
    private readonly windowMs = IDENTIFY_WINDOW_MS,
  ) {
    this.lockSpace = `guildhall.identify.${schema}`;
  }

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const bucket = shardId % Math.max(1, this.maxConcurrency);
    const before = this.queues.get(bucket) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.queues.set(
      bucket,
      before.then(() => mine),
    );
    try {
      await untilAborted(before, signal);
      for (;;) {
        const waitMs = await this.takeSlot(bucket);
        if (waitMs === 0) return;
        this.events.waiting?.(shardId, bucket, waitMs);
        await sleep(waitMs, undefined, { signal });
      }
    } finally {
      done();
    }
  }

  /** 0 when the slot is now this shard's; otherwise how long until the bucket's next one. */
  private takeSlot(bucket: number): Promise<number> {
    const table = `"${this.schema}".identify_buckets`;
    return inTransaction(this.pool, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), $2)', [this.lockSpace, bucket]);
      const { rows } = await tx.query(
        `SELECT ceil(greatest(0, extract(epoch FROM identified_at - clock_timestamp()) * 1000 + $2))::int AS wait_ms
         FROM ${table} WHERE bucket = $1`,
        [bucket, this.windowMs + SEND_MARGIN_MS],
      );
      const waitMs = (rows as Array<{ wait_ms: number }>)[0]?.wait_ms ?? 0;
      if (waitMs > 0) return waitMs;
      await tx.query(
        `INSERT INTO ${table} (bucket, identified_at) VALUES ($1, clock_timestamp())
         ON CONFLICT (bucket) DO UPDATE SET identified_at = EXCLUDED.identified_at`,
        [bucket],
      );
      return 0;
    });
  }
}

/** `p`, or the abort's reason as soon as `signal` fires (a shard closed while queued). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
