import type { Pool, PoolClient } from 'pg';
import { InvalidArgumentError } from '@nats-io/nats-core';
import { JetStreamApiError } from '@nats-io/jetstream';
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
  /** Refusals by NATS of one row (too large, no stream for its subject) before it is set aside as dead. Default 3. */
  maxAttempts?: number;
  onError?: (error: unknown) => void;
  /** A row set aside as dead, with the reason. Default: onError. */
  onDead?: (row: DeadOutboxRow) => void;
}

export interface DeadOutboxRow {
  id: string;
  subject: string;
  msgId: string;
  reason: string;
}

interface OutboxRow {
  id: string;
  subject: string;
  msg_id: string;
  payload: string;
  failures: number;
}

const PRUNE_EVERY_MS = 60_000;
const RETRY_AFTER_ERROR_MS = 1000;

/**
 * Publishes outbox rows in id order and marks them sent. Crash between PubAck and UPDATE:
 * the row is published again with the same Nats-Msg-Id and the stream drops the duplicate.
 *
 * When a batch fails, it is published again row by row: the rows before the failure are marked
 * sent, and a row NATS refuses (too large, no stream for its subject: NATS answered, so it will
 * not change its mind) counts a failure; after `maxAttempts` it is set aside as dead with the
 * reason (`dead_at`, `last_error`) and the relay moves on. An unreachable NATS counts nothing:
 * the same rows are tried again later, in order.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly publisher: Publisher;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly keepSentMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly onDead: (row: DeadOutboxRow) => void;
  private readonly maxAttempts: number;
  private readonly lockKey: string;
  private readonly failSql: string;
  private readonly deadSql: string;
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
    this.onDead =
      opts.onDead ??
      ((row) =>
        this.onError(new Error(`outbox row ${row.id} (${row.subject}) set aside as dead: ${row.reason}`)));
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.lockKey = `guildhall.outbox.${opts.schema}`;
    // SKIP LOCKED: a second replica never picks rows another one is publishing.
    this.selectSql = `SELECT id, subject, msg_id, payload::text AS payload, failures FROM ${s}.outbox
      WHERE sent_at IS NULL AND dead_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;
    this.failSql = `UPDATE ${s}.outbox SET failures = failures + 1, last_error = $2 WHERE id = $1`;
    this.deadSql = `UPDATE ${s}.outbox SET failures = failures + 1, last_error = $2, dead_at = now() WHERE id = $1`;
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
      const { rows } = await client.query<OutboxRow>(this.selectSql, [this.batchSize]);
      let failure: unknown;
      // A row larger than the server takes would fail its whole window: it never goes out.
      const maxPayload = this.publisher.maxPayload;
      const oversize = rows.findIndex((r) => Buffer.byteLength(r.payload) > maxPayload);
      const batch = oversize >= 0 ? rows.slice(0, oversize) : rows;
      if (batch.length > 0) {
        const items: RawOutgoingMessage[] = batch.map((r) => ({
          subject: r.subject,
          msgId: r.msg_id,
          payload: r.payload,
        }));
        try {
          await this.publisher.publishRawMany(items);
          await client.query(this.markSql, [batch.map((r) => r.id)]);
        } catch {
          failure = await this.rowByRow(client, batch);
        }
      }
      if (failure === undefined && oversize >= 0) {
        const r = rows[oversize];
        const reason = `payload of ${Buffer.byteLength(r.payload)} bytes exceeds the NATS max_payload of ${maxPayload}`;
        await client.query(this.deadSql, [r.id, reason]);
        this.onDead({ id: r.id, subject: r.subject, msgId: r.msg_id, reason });
      }
      await client.query('COMMIT');
      if (failure !== undefined) throw failure;
      return failure === undefined && oversize >= 0 ? batch.length + 1 : rows.length;
    } catch (e) {
      failed = true;
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(failed);
    }
  }

  /**
   * Publishes in order until one fails; marks what went out. Returns the failure that stopped
   * the pass (NATS unreachable, or a row refused but not yet dead), or undefined.
   */
  private async rowByRow(client: PoolClient, rows: OutboxRow[]): Promise<unknown> {
    const sent: string[] = [];
    let stoppedBy: unknown;
    for (const r of rows) {
      try {
        await this.publisher.publishRaw(r.subject, r.msg_id, r.payload);
        sent.push(r.id);
        continue;
      } catch (e) {
        const reason = await this.refusal(e, r.subject);
        if (reason === undefined) {
          stoppedBy = e;
          break;
        }
        if (r.failures + 1 < this.maxAttempts) {
          await client.query(this.failSql, [r.id, reason]);
          stoppedBy = new Error(
            `outbox row ${r.id} (${r.subject}) refused by NATS (${r.failures + 1} of ${this.maxAttempts}): ${reason}`,
          );
          break;
        }
        await client.query(this.deadSql, [r.id, reason]);
        this.onDead({ id: r.id, subject: r.subject, msgId: r.msg_id, reason });
      }
    }
    if (sent.length > 0) await client.query(this.markSql, [sent]);
    return stoppedBy;
  }

  /** Why NATS refused this message (it would refuse it again); undefined if NATS was unreachable instead. */
  private async refusal(e: unknown, subject: string): Promise<string | undefined> {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof InvalidArgumentError || e instanceof JetStreamApiError) return message;
    // "No responders" (the client calls it JetStreamNotEnabled, a class it does not export):
    // no stream takes the subject, unless JetStream itself is down.
    if (e instanceof Error && e.name === 'JetStreamNotEnabled' && (await this.publisher.jetStreamAnswers()))
      return `no stream takes subject ${subject}`;
    return undefined;
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
