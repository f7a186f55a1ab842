import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@guildhall/platform';
import { DATABASE_URL } from '@guildhall/testing';
import { Pool } from 'pg';
import { PostgresIdentifyThrottler } from '../src/discord/identify-throttle';
import { gatewayMigrations } from '../src/migrations';

/**
 * Two gateway processes (each a throttler with its own pool) identifying their shards at the
 * same moment, over one schema. Discord's window is 5 s; here it is shortened to keep the file
 * fast, the rule is the same: per bucket (shard_id % max_concurrency) one IDENTIFY per window,
 * whichever process sends it, while different buckets go side by side.
 */
const schema = `gateway_identify_${randomBytes(4).toString('hex')}`;
const WINDOW_MS = 400;
const pools: Pool[] = [];

function gatewayProcess(maxConcurrency: number): PostgresIdentifyThrottler {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 3 });
  pools.push(pool);
  return new PostgresIdentifyThrottler(pool, schema, maxConcurrency, {}, WINDOW_MS);
}

beforeAll(async () => {
  await runMigrations(DATABASE_URL, schema, gatewayMigrations);
});

afterAll(async () => {
  await pools[0]?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await Promise.all(pools.map((p) => p.end()));
});

describe('identify throttling across gateway processes', () => {
  it('six shards of two processes with max_concurrency 2: a window between identifies of a bucket, the two buckets at once', async () => {
    const [first, second] = [gatewayProcess(2), gatewayProcess(2)];
    const startedAt = Date.now();
    const identifiedAt = new Map<number, number>();
    const signal = new AbortController().signal;
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (shardId) => {
        await (shardId < 3 ? first : second).waitForIdentify(shardId, signal);
        identifiedAt.set(shardId, Date.now() - startedAt);
      }),
    );
    const bucket = (b: number) =>
      [...identifiedAt]
        .filter(([shard]) => shard % 2 === b)
        .map(([, at]) => at)
        .sort((x, y) => x - y);
    for (const times of [bucket(0), bucket(1)]) {
      expect(times).toHaveLength(3);
      expect(times[1] - times[0]).toBeGreaterThanOrEqual(WINDOW_MS);
      expect(times[2] - times[1]).toBeGreaterThanOrEqual(WINDOW_MS);
    }
    // Both buckets' first identify went at once: max_concurrency 2 is used, not wasted.
    expect(Math.abs(bucket(0)[0] - bucket(1)[0])).toBeLessThan(WINDOW_MS);
  });

  it('a shard that closes while waiting for its turn stops waiting', async () => {
    const throttler = gatewayProcess(1);
    const signal = new AbortController().signal;
    await throttler.waitForIdentify(0, signal);
    const closing = new AbortController();
    const waiting = throttler.waitForIdentify(1, closing.signal);
    setTimeout(() => closing.abort(new Error('shard closed')), 50);
    await expect(waiting).rejects.toThrow();
    // The bucket's next shard still gets its turn, a window after the last identify.
    const before = Date.now();
    await throttler.waitForIdentify(2, signal);
    expect(Date.now() - before).toBeLessThan(WINDOW_MS + 500);
  });
});
