import type { Pool, PoolClient } from 'pg';
import type { Publisher, RawOutgoingMessage } from './publisher';
import { quoteSchema } from './tables';
import { Sleeper } from './sleeper';

export interface OutboxRelayOptions {
  pool: Pool;
  schema: string;
  publisher: Publisher;
  batchSize?: number; // default 500
  pollMs?: number; // default 200
  /** Sent rows older than this are deleted now and then. Default 1 h. */
  keepSentMs?: number;
  onError?: (error: unknown) => void;
}

const PRUNE_EVERY_MS = 60_000;
const RETRY_AFTER_ERROR_MS = 1000;

/**
 * Publishes outbox rows in id order and marks them sent. Crash between PubAck and UPDATE:
 * the row is published again with the same Nats-Msg-Id and the stream drops the duplicate.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly publisher: Publisher;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly keepSentMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly lockKey: string;
  private readonly selectSql: string;
  private readonly markSql: string;
  private readonly pruneSql: string;
  private readonly sleeper = new Sleeper();
  private running = false;
  private loop: Promise<void> | undefined;
  private lastPrune = 0;

  constructor(opts: OutboxRelayOptions) {
    const s = quoteSchema(opts.schema);
    this.pool = opts.pool;
    this.publisher = opts.publisher;
    this.batchSize = opts.batchSize ?? 500;
    this.pollMs = opts.pollMs ?? 200;
    this.keepSentMs = opts.keepSentMs ?? 60 * 60 * 1000;
    this.onError = opts.onError ?? ((e) => console.error(`outbox relay ${opts.schema}:`, e));
    this.lockKey = `guildhall.outbox.${opts.schema}`;
    // SKIP LOCKED: a second replica never picks rows another one is publishing.
    this.selectSql = `SELECT id, subject, msg_id, payload::text AS payload FROM ${s}.outbox
      WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;
    this.markSql = `UPDATE ${s}.outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`;
    this.pruneSql = `DELETE FROM ${s}.outbox WHERE sent_at < now() - ($1::double precision * interval '1 millisecond')`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that wrote to the outbox. */
  wake(): void {
    this.sleeper.wake();
  }

  /** Publishes everything pending now; returns how many. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch(true);
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const n = await this.relayBatch(false);
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
        if (n < this.batchSize && this.running) await this.sleeper.sleep(this.pollMs);
      } catch (e) {
        this.onError(e);
        if (this.running) await this.sleeper.sleep(RETRY_AFTER_ERROR_MS);
      }
    }
  }

  /**
   * One transaction: lock a batch of unsent rows, publish them, mark them sent. The advisory
   * lock lets one relay per schema publish at a time so replicas keep the outbox order
   * (SKIP LOCKED alone would let two replicas publish consecutive batches out of order).
   */
  private async relayBatch(waitForLock: boolean): Promise<number> {
    const client = await this.pool.connect();
    let failed = false;
    try {
      await client.query('BEGIN');
      const locked = await this.lock(client, waitForLock);
      if (!locked) {
        await client.query('ROLLBACK');
        return 0;
      }
      const { rows } = await client.query<{ id: string; subject: string; msg_id: string; payload: string }>(
        this.selectSql,
        [this.batchSize],
      );
      if (rows.length > 0) {
        const items: RawOutgoingMessage[] = rows.map((r) => ({
          subject: r.subject,
          msgId: r.msg_id,
          payload: r.payload,
        }));
        await this.publisher.publishRawMany(items);
        await client.query(this.markSql, [rows.map((r) => r.id)]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (e) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(failed);
    }
  }

  private async lock(client: PoolClient, wait: boolean): Promise<boolean> {
    if (wait) {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockKey]);
      return true;
    }
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
      [this.lockKey],
    );
    return rows[0].ok;
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.pool.query(this.pruneSql, [this.keepSentMs]);
  }
}
