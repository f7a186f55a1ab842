import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import { AckPolicy, DeliverPolicy, JetStreamApiError, jetstreamManager, type ConsumerConfig } from '@nats-io/jetstream';
import type { Pool, PoolClient } from 'pg';
import type { Envelope } from '@guildhall/contracts';
import type { ConsumerOptions } from './consumer-options';
import { publishDeadLetter } from './dead-letters';
import { Inbox } from './inbox';
import { Publisher } from './publisher';
import { PullFetcher, ack, deliveryInfo, nak } from './pull-fetcher';
import { Sleeper } from './sleeper';
import { subjectMatches, supportsMultipleFilters } from './subject-filter';
import { quoteSchema } from './tables';
import type { Topology } from './topology';
import { isTransientError } from './transient-error';

const CONSUMER_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_BACKOFF_MS = 60_000;
const RETRY_AFTER_ERROR_MS = 1000;
const CONSUMER_NOT_FOUND = 10014;

interface Batch {
  valid: Msg[];
  envelopes: Envelope[];
  ids: string[];
  dead: Promise<void>[] | undefined;
}

/** The handler (or its COMMIT) failed: the batch is retried message by message. */
class HandlerFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * Pull consumer: fetch → validate (invalid → DEAD with reason) → one tx (inbox + handle) → ack.
 *
 * Ack policy is explicit, not "all": a message that keeps failing is nak'ed alone while the
 * rest of its batch is acked, and with "all" acking a later message would silently ack it too.
 * The Postgres commit is the proof of exactly-once; the ack only stops redelivery, and a
 * redelivery after a crash between commit and ack is dropped by the inbox.
 */
export class DurableConsumer {
  private readonly opts: Required<Pick<ConsumerOptions, 'batchSize' | 'maxWaitMs' | 'maxDeliver' | 'retryBackoffMs' | 'ackWaitMs'>> &
    ConsumerOptions;
  private readonly pool: Pool;
  private readonly inbox: Inbox;
  private readonly publisher: Publisher;
  private readonly fetcher: PullFetcher;
  private readonly sleeper = new Sleeper();
  private readonly onError: (error: unknown, context: string) => void;
  /** Only on servers older than 2.10 with several filters: the consumer sees the whole stream. */
  private clientFilters: string[] | undefined;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
    opts: ConsumerOptions,
  ) {
    if (!CONSUMER_NAME.test(opts.name)) throw new Error(`invalid consumer name "${opts.name}": use letters, digits, _ or -`);
    if (opts.filterSubjects.length === 0) throw new Error(`consumer ${opts.name} needs at least one filter subject`);
    quoteSchema(opts.schema);
    this.opts = { batchSize: 500, maxWaitMs: 100, maxDeliver: 5, retryBackoffMs: 1000, ackWaitMs: 30_000, ...opts };
    this.pool = opts.pool;
    this.inbox = new Inbox(opts.schema);
    this.publisher = new Publisher(nc, topology);
    this.fetcher = new PullFetcher(nc, topology.stream(opts.stream), opts.name);
    this.onError = opts.onError ?? ((e, context) => console.error(`consumer ${opts.name}: ${context}:`, e));
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.ensureConsumer();
    this.fetcher.open();
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then returns. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.sleeper.wake();
    await this.loop;
    this.loop = undefined;
    this.fetcher.close();
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    const filters = this.opts.filterSubjects.map((s) => this.topology.subject(s));
    const cfg: Partial<ConsumerConfig> = {
      durable_name: this.opts.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.opts.ackWaitMs),
      // Unlimited on the server: we decide when a message goes to DEAD, so one whose dead
      // letter could not be published comes back instead of vanishing.
      max_deliver: -1,
      // Room for a full batch in hand plus messages waiting out a nak backoff.
      max_ack_pending: Math.max(1000, this.opts.batchSize * 4),
    };
    if (filters.length === 1) cfg.filter_subject = filters[0];
    else if (supportsMultipleFilters(this.nc.info?.version)) cfg.filter_subjects = filters;
    else if (this.opts.stream === 'ACTIONS') {
      // Filtering client-side means acking what we skip, which deletes it from a work queue.
      throw new Error(`consumer ${this.opts.name}: several filter subjects on ACTIONS need NATS 2.10+`);
    } else this.clientFilters = filters;

    try {
      await jsm.consumers.info(stream, this.opts.name);
    } catch (e) {
      if (!(e instanceof JetStreamApiError && e.code === CONSUMER_NOT_FOUND)) throw e;
      await jsm.consumers.add(stream, cfg);
      return;
    }
    const { durable_name: _durable, deliver_policy: _deliver, ...changes } = cfg;
    await jsm.consumers.update(stream, this.opts.name, changes);
  }

  /**
   * Two batches in flight: while one is being applied (waiting on Postgres), the next is
   * already being fetched and validated. Batches are still applied strictly in order, and
   * stop() lets both batches in hand finish.
   */
  private async run(): Promise<void> {
    let next: Promise<Batch> | undefined = this.fetchAndParse();
    while (next) {
      let batch: Batch | undefined;
      try {
        batch = await next;
        next = this.running ? this.fetchAndParse() : undefined;
        await this.apply(batch);
      } catch (e) {
        this.onError(e, 'batch failed, retrying');
        for (const m of batch?.valid ?? []) nak(m, RETRY_AFTER_ERROR_MS);
        if (this.running) await this.sleeper.sleep(RETRY_AFTER_ERROR_MS);
        if (!next && this.running) next = this.fetchAndParse();
      }
    }
  }

  private async fetchAndParse(): Promise<Batch> {
    const msgs = await this.fetcher.fetch(this.opts.batchSize, this.opts.maxWaitMs);
    if (msgs.length === 0 && this.fetcher.problem) {
      // The server refused the pull (consumer deleted, JetStream unavailable): wait, then
      // recreate the consumer if it is gone rather than spinning on instant refusals.
      this.onError(new Error(`pull refused: ${this.fetcher.problem}`), 'fetch');
      await this.sleeper.sleep(RETRY_AFTER_ERROR_MS);
      if (this.running) await this.ensureConsumer().catch((e) => this.onError(e, 'recreating the consumer'));
    }
    return this.parse(msgs);
  }

  /** Validates every message; invalid ones are on their way to DEAD (and acked) when `dead` settles. */
  private parse(msgs: Msg[]): Batch {
    const batch: Batch = { valid: [], envelopes: [], ids: [], dead: undefined };
    for (const m of msgs) {
      if (this.clientFilters && !this.clientFilters.some((f) => subjectMatches(f, m.subject))) {
        ack(m);
        continue;
      }
      const parsed = this.opts.registry.parse(m.data);
      if (parsed.ok) {
        batch.valid.push(m);
        batch.envelopes.push(parsed.envelope);
        batch.ids.push(parsed.envelope.id);
      } else {
        (batch.dead ??= []).push(this.toDead(m, parsed.reason));
      }
    }
    return batch;
  }

  private async apply({ valid, envelopes, ids, dead }: Batch): Promise<void> {
    if (dead) await Promise.all(dead);
    if (valid.length === 0) return;
    // A lone message (typically a redelivery) is already "one by one": no batch attempt first.
    if (valid.length === 1) return this.applyOneByOne(valid, envelopes);

    let fresh: Envelope[];
    try {
      // The last message carries the highest sequence except for a mixed-in redelivery; GREATEST keeps it monotonic.
      fresh = await this.applyBatch(envelopes, ids, deliveryInfo(valid[valid.length - 1]).streamSeq);
    } catch (e) {
      if (!(e instanceof HandlerFailure)) throw e;
      this.onError(e.cause, 'batch handler failed, retrying message by message');
      await this.applyOneByOne(valid, envelopes);
      return;
    }
    for (const m of valid) ack(m);
    this.notify(fresh);
  }

  /** ONE transaction: inbox claim + checkpoint, handle the fresh envelopes, commit. */
  private async applyBatch(envelopes: Envelope[], ids: string[], streamSeq: number): Promise<Envelope[]> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const claimed = await this.inbox.claim(client, this.opts.name, ids, streamSeq);
      const fresh = claimed.size === envelopes.length ? envelopes : envelopes.filter((e) => claimed.delete(e.id));
      try {
        if (fresh.length > 0) await this.opts.handle(fresh, client);
        await client.query('COMMIT');
      } catch (e) {
        if (isTransientError(e)) throw e;
        throw new HandlerFailure(e);
      }
      return fresh;
    } catch (e) {
      broken = await rollback(client);
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** Each message in its own transaction so one poisonous message cannot block the others. */
  private async applyOneByOne(msgs: Msg[], envelopes: Envelope[]): Promise<void> {
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      const info = deliveryInfo(m);
      let fresh: Envelope[];
      try {
        fresh = await this.applyBatch([envelopes[i]], [envelopes[i].id], info.streamSeq);
      } catch (e) {
        if (!(e instanceof HandlerFailure)) {
          // The database, not the message: put this and the rest back for later.
          this.onError(e, 'database unavailable');
          for (let j = i; j < msgs.length; j++) nak(msgs[j], RETRY_AFTER_ERROR_MS);
          return;
        }
        if (info.deliveryCount >= this.opts.maxDeliver) {
          const reason = `handler failed ${info.deliveryCount} times: ${e.message}`;
          await this.toDead(m, reason);
        } else {
          this.onError(e.cause, `handler failed for ${envelopes[i].id} (delivery ${info.deliveryCount})`);
          nak(m, Math.min(this.opts.retryBackoffMs * 2 ** (info.deliveryCount - 1), MAX_BACKOFF_MS));
        }
        continue;
      }
      ack(m);
      this.notify(fresh);
    }
  }

  /** Publishes the message to DEAD, then acks it; if that fails it comes back later. Never rejects. */
  private async toDead(m: Msg, reason: string): Promise<void> {
    try {
      await publishDeadLetter(this.publisher, this.topology, m, deliveryInfo(m), this.opts.stream, this.opts.name, reason);
      ack(m);
    } catch (e) {
      this.onError(e, 'could not publish a dead letter');
      nak(m, RETRY_AFTER_ERROR_MS);
    }
  }

  private notify(fresh: Envelope[]): void {
    if (fresh.length === 0 || !this.opts.afterCommit) return;
    try {
      this.opts.afterCommit(fresh);
    } catch (e) {
      this.onError(e, 'afterCommit threw');
    }
  }
}

/** Rolls back; true if the connection itself is unusable and must not return to the pool. */
async function rollback(client: PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return false;
  } catch {
    return true;
  }
}
