import { createHash } from 'node:crypto';
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { Pool, PoolClient } from 'pg';
import type { Envelope } from '@guildhall/contracts';
import type { ConsumerOptions } from './consumer-options';
import { publishDeadLetter } from './dead-letters';
import { Inbox } from './inbox';
import { Publisher } from './publisher';
import { PullFetcher, ack, deliveryInfo, nak } from './pull-fetcher';
import { Sleeper } from './sleeper';
import { isWorkQueue } from './streams';
import { subjectsOverlap, supportsMultipleFilters } from './subject-filter';
import { quoteSchema } from './tables';
import type { Topology } from './topology';
import { isTransientError } from './transient-error';

const CONSUMER_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_BACKOFF_MS = 60_000;
const RETRY_AFTER_ERROR_MS = 1000;

interface Batch {
  valid: Msg[];
  envelopes: Envelope[];
  ids: string[];
  dead: Promise<void>[] | undefined;
}

/**
 * One server-side durable and the loop that drains it. A consumer has one lane, except on
 * NATS < 2.10 with several filter subjects, where it has one lane per filter.
 */
interface Lane {
  /** The JetStream durable name, also this lane's checkpoint key. */
  durable: string;
  /** Prefixed. */
  filters: string[];
  fetcher: PullFetcher;
  sleeper: Sleeper;
  loop?: Promise<void>;
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
 *
 * Several filter subjects: NATS 2.10+ filters one durable on all of them (`filter_subjects`).
 * Older servers take one filter per consumer, so there the consumer becomes one durable per
 * filter, `<name>_<hash of the filter>` (named by the filter, not its position, so reordering
 * the list never points a durable's stream position at another subject). Every such lane
 * feeds the same handler with the same inbox key (`name`) and keeps its own batches,
 * transactions and checkpoint row; their batches are applied one at a time, so the handler
 * never runs concurrently with itself, as with a single durable. Order within each filter
 * subject is kept, but on NATS < 2.10 order ACROSS the filter subjects of one consumer is
 * not: a lane may run ahead of another.
 */
export class DurableConsumer {
  private readonly opts: Required<
    Pick<
      ConsumerOptions,
      'batchSize' | 'maxWaitMs' | 'maxDeliver' | 'retryBackoffMs' | 'ackWaitMs' | 'rewindOnStart'
    >
  > &
    ConsumerOptions;
  private readonly pool: Pool;
  private readonly inbox: Inbox;
  private readonly publisher: Publisher;
  private readonly lanes: Lane[];
  private readonly onError: (error: unknown, context: string) => void;
  private readonly onNotice: (message: string) => void;
  /** Tail of the chain that applies the lanes' batches one at a time. */
  private applying: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
    opts: ConsumerOptions,
  ) {
    if (!CONSUMER_NAME.test(opts.name))
      throw new Error(`invalid consumer name "${opts.name}": use letters, digits, _ or -`);
    if (opts.filterSubjects.length === 0)
      throw new Error(`consumer ${opts.name} needs at least one filter subject`);
    opts.filterSubjects.forEach((a, i) => {
      const b = opts.filterSubjects.slice(i + 1).find((f) => subjectsOverlap(a, f));
      if (b) throw new Error(`consumer ${opts.name}: filter subjects ${a} and ${b} overlap`);
    });
    quoteSchema(opts.schema);
    this.opts = {
      batchSize: 500,
      maxWaitMs: 100,
      maxDeliver: 5,
      retryBackoffMs: 1000,
      ackWaitMs: 30_000,
      rewindOnStart: true,
      ...opts,
    };
    this.pool = opts.pool;
    this.inbox = new Inbox(opts.schema);
    this.publisher = new Publisher(nc, topology);
    this.onError = opts.onError ?? ((e, context) => console.error(`consumer ${opts.name}: ${context}:`, e));
    this.onNotice = opts.onNotice ?? ((message) => console.warn(`consumer ${opts.name}: ${message}`));
    const stream = topology.stream(opts.stream);
    const lane = (durable: string, filters: string[]): Lane => ({
      durable,
      filters,
      fetcher: new PullFetcher(nc, stream, durable),
      sleeper: new Sleeper(),
    });
    this.lanes =
      opts.filterSubjects.length === 1 || supportsMultipleFilters(nc.info?.version)
        ? [
            lane(
              opts.name,
              opts.filterSubjects.map((f) => topology.subject(f)),
            ),
          ]
        : opts.filterSubjects.map((f) => lane(subDurableName(opts.name, f), [topology.subject(f)]));
  }

  /** The server-side durables this consumer reads from: `[name]`, or one per filter on NATS < 2.10. */
  get durables(): string[] {
    return this.lanes.map((l) => l.durable);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.ensureConsumers();
    for (const lane of this.lanes) lane.fetcher.open();
    this.running = true;
    for (const lane of this.lanes) lane.loop = this.run(lane);
  }

  /** Finishes the batches in hand on every lane, then returns. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const lane of this.lanes) lane.sleeper.wake();
    await Promise.all(this.lanes.map((l) => l.loop));
    for (const lane of this.lanes) {
      lane.loop = undefined;
      lane.fetcher.close();
    }
  }

  private get workQueue(): boolean {
    return isWorkQueue(this.opts.stream);
  }

  private consumerConfig(lane: Lane): Partial<ConsumerConfig> & { durable_name: string } {
    const cfg: Partial<ConsumerConfig> & { durable_name: string } = {
      durable_name: lane.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.opts.ackWaitMs),
      // Unlimited on the server: we decide when a message goes to DEAD, so one whose dead
      // letter could not be published comes back instead of vanishing.
      max_deliver: -1,
      // Room for a full batch in hand plus messages waiting out a nak backoff.
      max_ack_pending: Math.max(1000, this.opts.batchSize * 4),
    };
    // Both keys always, the unused one undefined: an update merges into the stored config,
    // and the server refuses a config holding both.
    if (lane.filters.length === 1)
      Object.assign(cfg, { filter_subject: lane.filters[0], filter_subjects: undefined });
    else Object.assign(cfg, { filter_subject: undefined, filter_subjects: lane.filters });
    return cfg;
  }

  /**
   * Creates or updates every lane's durable; with `rewindOnStart`, rewinds those left with
   * unacked messages. Durables of the other layout (the single `name` after a move to NATS
   * < 2.10 semantics, `name_<hash>` ones after an upgrade to 2.10 or for a filter that was
   * removed) are deleted, and a new durable starts where they had all acknowledged, not at
   * the beginning of the stream.
   */
  private async ensureConsumers(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    // Read before the consumers: a durable with nothing pending has seen at least up to here.
    const lastSeq = (await jsm.streams.info(stream)).state.last_seq;
    const existing = new Map<string, ConsumerInfo>();
    for await (const ci of jsm.consumers.list(stream)) existing.set(ci.name, ci);
    const ours = new Set(this.durables);
    const sub = subDurablePattern(this.opts.name);
    const former = [...existing.values()].filter(
      (ci) => !ours.has(ci.name) && (ci.name === this.opts.name || sub.test(ci.name)),
    );

    // Where the other layout had got to: everything before it is acknowledged on every
    // subject. (The durable of a filter that was simply removed says nothing about the others.)
    const predecessors = this.lanes.length > 1 ? former.filter((ci) => ci.name === this.opts.name) : former;
    let resumeAt: number | undefined;
    if (predecessors.length > 0 && !this.workQueue && this.lanes.some((l) => !existing.has(l.durable))) {
      const caughtUp = (ci: ConsumerInfo) => ci.num_pending === 0 && ci.num_ack_pending === 0;
      resumeAt = Math.min(...predecessors.map((ci) => (caughtUp(ci) ? lastSeq : ackFloor(ci)))) + 1;
    }
    // A work queue refuses overlapping filters on two consumers: the old ones go first (their
    // unacked messages stay in the stream for the new ones).
    if (this.workQueue) await this.deleteFormer(jsm, stream, former);

    for (const lane of this.lanes) {
      const cfg = this.consumerConfig(lane);
      const info = existing.get(lane.durable);
      if (!info) {
        await jsm.consumers.add(
          stream,
          resumeAt === undefined
            ? cfg
            : { ...cfg, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: resumeAt },
        );
      } else if (this.opts.rewindOnStart && !this.workQueue && info.num_ack_pending > 0) {
        const from = ackFloor(info) + 1;
        await jsm.consumers.delete(stream, lane.durable);
        await jsm.consumers.add(stream, {
          ...cfg,
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: from,
        });
        this.onNotice(
          `${lane.durable}: ${info.num_ack_pending} unacked after an unclean stop; rewound to stream sequence ${from}`,
        );
      } else {
        await this.update(jsm, stream, cfg);
      }
    }
    if (!this.workQueue) await this.deleteFormer(jsm, stream, former);
  }

  private async deleteFormer(jsm: JetStreamManager, stream: string, former: ConsumerInfo[]): Promise<void> {
    for (const ci of former) {
      await jsm.consumers.delete(stream, ci.name).catch((e) => {
        if (!isConsumerNotFound(e)) throw e;
      });
      this.onNotice(`deleted durable ${ci.name}, replaced by ${this.durables.join(', ')}`);
    }
  }

  private async update(
    jsm: JetStreamManager,
    stream: string,
    cfg: Partial<ConsumerConfig> & { durable_name: string },
  ): Promise<void> {
    const { durable_name: durable, deliver_policy: _deliver, ...changes } = cfg;
    await jsm.consumers.update(stream, durable, changes);
  }

  /** After a refused pull: recreates the lane's durable if it is gone (never rewinds: our own batch may be in hand). */
  private async ensureDurable(lane: Lane): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    const cfg = this.consumerConfig(lane);
    try {
      await jsm.consumers.info(stream, lane.durable);
    } catch (e) {
      if (!isConsumerNotFound(e)) throw e;
      await jsm.consumers.add(stream, cfg);
      return;
    }
    await this.update(jsm, stream, cfg);
  }

  /**
   * Two batches in flight per lane: while one is being applied (waiting on Postgres), the next
   * is already being fetched and validated. A lane's batches are still applied strictly in
   * order, and stop() lets both batches in hand finish.
   */
  private async run(lane: Lane): Promise<void> {
    let next: Promise<Batch> | undefined = this.fetchAndParse(lane);
    while (next) {
      let batch: Batch | undefined;
      try {
        batch = await next;
        next = this.running ? this.fetchAndParse(lane) : undefined;
        const b = batch;
        await this.oneAtATime(() => this.apply(lane, b));
      } catch (e) {
        this.onError(e, 'batch failed, retrying');
        for (const m of batch?.valid ?? []) nak(m, RETRY_AFTER_ERROR_MS);
        if (this.running) await lane.sleeper.sleep(RETRY_AFTER_ERROR_MS);
        if (!next && this.running) next = this.fetchAndParse(lane);
      }
    }
  }

  /** Runs `fn` after every batch queued before it, whichever lane it came from. */
  private oneAtATime(fn: () => Promise<void>): Promise<void> {
    const run = this.applying.then(fn);
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async fetchAndParse(lane: Lane): Promise<Batch> {
    const msgs = await lane.fetcher.fetch(this.opts.batchSize, this.opts.maxWaitMs);
    if (msgs.length === 0 && lane.fetcher.problem) {
      // The server refused the pull (consumer deleted, JetStream unavailable): wait, then
      // recreate the consumer if it is gone rather than spinning on instant refusals.
      this.onError(new Error(`pull refused on ${lane.durable}: ${lane.fetcher.problem}`), 'fetch');
      await lane.sleeper.sleep(RETRY_AFTER_ERROR_MS);
      if (this.running)
        await this.ensureDurable(lane).catch((e) => this.onError(e, 'recreating the consumer'));
    }
    return this.parse(msgs);
  }

  /** Validates every message; invalid ones are on their way to DEAD (and acked) when `dead` settles. */
  private parse(msgs: Msg[]): Batch {
    const batch: Batch = { valid: [], envelopes: [], ids: [], dead: undefined };
    for (const m of msgs) {
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

  private async apply(lane: Lane, { valid, envelopes, ids, dead }: Batch): Promise<void> {
    if (dead) await Promise.all(dead);
    if (valid.length === 0) return;
    // A lone message (typically a redelivery) is already "one by one": no batch attempt first.
    if (valid.length === 1) return this.applyOneByOne(lane, valid, envelopes);

    let fresh: Envelope[];
    try {
      // The last message carries the highest sequence except for a mixed-in redelivery; GREATEST keeps it monotonic.
      fresh = await this.applyBatch(lane, envelopes, ids, deliveryInfo(valid[valid.length - 1]).streamSeq);
    } catch (e) {
      if (!(e instanceof HandlerFailure)) throw e;
      this.onError(e.cause, 'batch handler failed, retrying message by message');
      await this.applyOneByOne(lane, valid, envelopes);
      return;
    }
    for (const m of valid) ack(m);
    this.notify(fresh);
  }

  /** ONE transaction: inbox claim + checkpoint, handle the fresh envelopes, commit. */
  private async applyBatch(
    lane: Lane,
    envelopes: Envelope[],
    ids: string[],
    streamSeq: number,
  ): Promise<Envelope[]> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const claimed = await this.inbox.claim(client, this.opts.name, ids, streamSeq, lane.durable);
      const fresh =
        claimed.size === envelopes.length ? envelopes : envelopes.filter((e) => claimed.delete(e.id));
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
  private async applyOneByOne(lane: Lane, msgs: Msg[], envelopes: Envelope[]): Promise<void> {
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      const info = deliveryInfo(m);
      let fresh: Envelope[];
      try {
        fresh = await this.applyBatch(lane, [envelopes[i]], [envelopes[i].id], info.streamSeq);
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
      await publishDeadLetter(
        this.publisher,
        this.topology,
        m,
        deliveryInfo(m),
        this.opts.stream,
        this.opts.name,
        reason,
      );
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

/** `<name>_<8 hex>`: named by the (unprefixed) filter so the same filter always maps to the same durable. */
function subDurableName(name: string, filter: string): string {
  return `${name}_${createHash('sha256').update(filter).digest('hex').slice(0, 8)}`;
}

function subDurablePattern(name: string): RegExp {
  // Consumer names are letters, digits, _ and -: nothing to escape.
  return new RegExp(`^${name}_[0-9a-f]{8}$`);
}

/**
 * The last stream sequence up to which everything the durable saw is acknowledged. A durable
 * created at a start sequence that has acked nothing yet reports 0; it was positioned there.
 */
function ackFloor(ci: ConsumerInfo): number {
  const start =
    ci.config.deliver_policy === DeliverPolicy.StartSequence ? (ci.config.opt_start_seq ?? 1) - 1 : 0;
  return Math.max(ci.ack_floor.stream_seq, start);
}

function isConsumerNotFound(e: unknown): boolean {
  return e instanceof JetStreamApiError && e.code === JetStreamApiCodes.ConsumerNotFound;
}
