import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Client } from 'pg';
import type { AnyEnvelope } from '@guildhall/contracts';
import { commitBatch } from './batch-transaction';
import type { ConsumerOptions } from './consumer-options';
import { ConsumerLease, type LeaseSession } from './consumer-lease';
import { publishDeadLetter } from './dead-letters';
import { Inbox } from './inbox';
import { JetStreamDurables, type DurableSpec } from './jetstream-durables';
import { applyInOrder, type OrderedApplyContext } from './ordered-apply';
import { Publisher } from './publisher';
import { PullFetcher, ack, deliveryInfo, nak } from './pull-fetcher';
import { Sleeper } from './sleeper';
import { isNatsUnavailable } from './transient-error';
import { isWorkQueue } from './streams';
import { subjectMatches, subjectsOverlap } from './subject-filter';
import { quoteSchema } from './tables';
import type { Topology } from './topology';

const CONSUMER_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const RETRY_AFTER_ERROR_MS = 1000;

interface Batch {
  valid: Msg[];
  envelopes: AnyEnvelope[];
  dead: Promise<void>[] | undefined;
}

/**
 * One server-side durable and the loop that drains it. A consumer has one lane, except on
 * NATS < 2.10 with several filter subjects, where it has one lane per filter.
 */
interface Lane extends DurableSpec {
  fetcher: PullFetcher;
  sleeper: Sleeper;
  /** Batches fetched and not yet applied: kept alive on the server (+WPI) while a retry waits. */
  inHand: Batch[];
  /**
   * The committed checkpoint: everything up to this stream sequence was applied (or sent to
   * DEAD). Exact while the lease is held, since only the holder commits. A redelivery at or
   * below it is dropped before any transaction, so dedupe does not depend on the inbox alone.
   * Only where sequences say what was applied: never on a work queue (acknowledged actions are
   * gone from it, and the inbox and the action log dedupe there), nor without `rewindOnStart`.
   * 0 turns it off.
   */
  checkpoint: number;
  loop?: Promise<void>;
}

/** `waiting`: NATS did not answer when the consumer started; it keeps trying in the background. */
export type ConsumerState = 'stopped' | 'waiting' | 'standby' | 'active';

/**
 * Pull consumer: fetch → validate (invalid → DEAD with reason) → one tx (inbox + checkpoint +
 * handle) → ack, with three promises:
 *
 * - One writer: the consumer applies only while it holds its lease (`ConsumerLease`), and every
 *   transaction runs on the lease's own session. A second process waits as a standby.
 * - Order: a lane's batches are applied strictly in stream order (`applyInOrder`); a failure
 *   blocks what comes after it (the prefetched batch included) until it is retried through or
 *   sent to DEAD. Nothing is nak'ed for redelivery, which NATS would put behind later messages.
 * - Exactly-once effect: the Postgres commit is the proof; a redelivery after a crash between
 *   commit and ack is dropped by the inbox. After a lost lease or a NATS reconnect the lanes
 *   restart from the durable's ack floor (rewound), so what was in hand comes again in order.
 *
 * On NATS < 2.10 a consumer with several filter subjects has one lane (durable) per entity
 * family of its filters (`JetStreamDurables`, `entityFamilies`); the lanes share the inbox key
 * and apply one batch at a time, so the handler never runs concurrently with itself. Order
 * within a family (a member's join, updates and leave) is kept; order ACROSS families (a role
 * update and a member update) is not: a lane may run ahead of another.
 */
export class DurableConsumer {
  private readonly opts: Required<
    Pick<
      ConsumerOptions,
      | 'batchSize'
      | 'maxWaitMs'
      | 'maxDeliver'
      | 'retryBackoffMs'
      | 'ackWaitMs'
      | 'rewindOnStart'
      | 'leasePollMs'
    >
  > &
    ConsumerOptions;
  private readonly inbox: Inbox;
  private readonly publisher: Publisher;
  private readonly jetstream: JetStreamDurables;
  private readonly lease: ConsumerLease;
  private readonly lanes: Lane[];
  private readonly onError: (error: unknown, context: string) => void;
  private readonly onNotice: (message: string) => void;
  /** Wakes the standby poll and every wait when stopping. */
  private readonly idle = new Sleeper();
  private running = false;
  /** Set when the lanes must end and restart from the ack floor (lease lost, NATS reconnected). */
  private interrupted = false;
  private supervisor: Promise<void> | undefined;
  private watching = false;
  private current: ConsumerState = 'stopped';

  /** `<name>`, or `<name>-p<partition>` for one partition's feed: durable and lease names. */
  readonly feed: string;

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
    opts: ConsumerOptions,
    /**
     * One partition of the consumer (see PartitionedConsumer), leased on a session shared with
     * the replica's other partitions. Without it the consumer reads every partition.
     */
    part?: { partition: number; session: LeaseSession },
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
      leasePollMs: 1000,
      ...opts,
    };
    this.feed = part ? `${opts.name}-p${part.partition}` : opts.name;
    this.inbox = new Inbox(opts.schema);
    this.publisher = new Publisher(nc, topology);
    this.onError = opts.onError ?? ((e, context) => console.error(`consumer ${opts.name}: ${context}:`, e));
    this.onNotice = opts.onNotice ?? ((message) => console.warn(`consumer ${opts.name}: ${message}`));
    this.jetstream = new JetStreamDurables(nc, topology, {
      name: this.feed,
      partition: part?.partition,
      stream: opts.stream,
      filterSubjects: opts.filterSubjects,
      batchSize: this.opts.batchSize,
      ackWaitMs: this.opts.ackWaitMs,
      onNotice: this.onNotice,
    });
    this.lease = new ConsumerLease(
      opts.pool.options,
      opts.schema,
      this.feed,
      (e) => {
        this.onError(e, 'lost the lease (its Postgres session ended); pausing until it is held again');
        this.interrupt();
      },
      part?.session,
    );
    const stream = topology.stream(opts.stream);
    this.lanes = this.jetstream.specs.map((spec) => ({
      ...spec,
      fetcher: new PullFetcher(nc, stream, spec.durable),
      sleeper: new Sleeper(),
      inHand: [],
      checkpoint: 0,
    }));
  }

  /** The server-side durables this consumer reads from: `[name]`, or one per filter on NATS < 2.10. */
  get durables(): string[] {
    return this.jetstream.durables;
  }

  /**
   * How far behind the durables are: messages not yet applied, and the age of the oldest of
   * them (by stream time, found per filter subject with a direct get). For health and metrics.
   */
  async lag(): Promise<{ pendingMessages: number; lagSeconds: number }> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    let pendingMessages = 0;
    let oldest = Infinity;
    for (const lane of this.lanes) {
      const ci = await jsm.consumers.info(stream, lane.durable);
      const pending = ci.num_pending + ci.num_ack_pending;
      pendingMessages += pending;
      if (pending === 0) continue;
      for (const filter of lane.wants ?? lane.filters) {
        const m = await jsm.direct
          .getMessage(stream, { seq: ci.ack_floor.stream_seq + 1, next_by_subj: filter })
          .catch(() => null);
        if (m) oldest = Math.min(oldest, m.time.getTime());
      }
    }
    return {
      pendingMessages,
      lagSeconds: oldest === Infinity ? 0 : Math.max(0, Math.round((Date.now() - oldest) / 100) / 10),
    };
  }

  /** `standby` while another process holds the lease. */
  get state(): ConsumerState {
    return this.current;
  }

  /**
   * Takes the lease and starts consuming; if another process holds it, returns at once as a
   * standby that takes over when that process stops or dies.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.watchReconnects();
    let active = await this.lease.tryAcquire();
    if (active) {
      try {
        await this.activate();
      } catch (e) {
        await this.lease.release();
        // An outage at start is an outage like any other: the service comes up (health, HTTP)
        // and the consumer keeps trying. Anything else (a refused consumer) fails the start.
        if (!isNatsUnavailable(e)) {
          this.running = false;
          throw e;
        }
        this.onError(e, 'starting: waiting for NATS');
        this.current = 'waiting';
        active = false;
      }
    } else {
      this.current = 'standby';
      const holder = await this.lease.holder().catch(() => undefined);
      this.onNotice(
        `standby: ${holder ? `"${holder}"` : 'another process'} holds this consumer; taking over when it stops`,
      );
    }
    this.supervisor = this.supervise(active);
  }

  /** Finishes the transaction in progress, hands back the rest, releases the lease. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeAll();
    await this.supervisor;
    this.supervisor = undefined;
    this.current = 'stopped';
  }

  private wakeAll(): void {
    this.idle.wake();
    for (const lane of this.lanes) lane.sleeper.wake();
  }

  private interrupt(): void {
    this.interrupted = true;
    this.wakeAll();
  }

  /** While holding the lease: the lanes run; when they end, take it again (or wait for it). */
  private async supervise(active: boolean): Promise<void> {
    try {
      for (;;) {
        if (active) {
          await Promise.all(this.lanes.map((l) => l.loop));
          for (const lane of this.lanes) {
            lane.loop = undefined;
            lane.fetcher.close();
            lane.inHand = [];
          }
          // A NATS reconnect keeps the lease: rewind at once. Stopping or a lost lease releases it.
          if (this.running && this.interrupted && this.lease.connection) {
            this.interrupted = false;
            active = await this.reactivate();
            continue;
          }
          await this.lease.release();
        }
        this.interrupted = false;
        if (!this.running) return;
        if (this.current !== 'waiting') this.current = 'standby';
        active = false;
        while (this.running && !active) {
          await this.idle.sleep(this.opts.leasePollMs);
          if (!this.running) break;
          if (await this.lease.tryAcquire()) {
            active = await this.reactivate();
            if (active) this.onNotice('holding the lease: consuming');
          } else this.current = 'standby';
        }
      }
    } finally {
      await this.lease.release();
    }
  }

  private async reactivate(): Promise<boolean> {
    try {
      await this.activate();
      return true;
    } catch (e) {
      this.onError(e, 'resuming the consumer');
      if (isNatsUnavailable(e)) this.current = 'waiting';
      await this.lease.release();
      return false;
    }
  }

  /** Holding the lease: rewinding is safe now (no other process has a batch in hand). */
  private async activate(): Promise<void> {
    const checkpoints = await this.lease.exclusive(() => {
      const client = this.lease.connection;
      if (!client) throw new Error('the lease was lost before consuming started');
      return this.inbox.checkpoints(client, this.durables);
    }, true);
    const applied = await this.jetstream.ensure(this.opts.rewindOnStart, checkpoints);
    this.current = 'active';
    for (const lane of this.lanes) {
      lane.checkpoint = this.inOrderDelivery ? (applied.get(lane.durable) ?? 0) : 0;
      lane.fetcher.open();
      lane.loop = this.run(lane);
    }
  }

  /** Messages the server sent while the client was away come back only after ack_wait, behind later ones: rewind instead. */
  private watchReconnects(): void {
    if (this.watching) return;
    this.watching = true;
    void (async () => {
      for await (const s of this.nc.status()) {
        if (s.type === 'reconnect' && this.running && this.current === 'active') {
          this.onNotice(
            'NATS reconnected: restarting from the ack floor so nothing sent meanwhile comes late',
          );
          this.interrupt();
        }
      }
    })().catch((e) => this.onError(e, 'watching NATS status'));
  }

  /** Whether the durable hands out messages in stream order, redeliveries included (see Lane.checkpoint). */
  private get inOrderDelivery(): boolean {
    return this.opts.rewindOnStart && !isWorkQueue(this.opts.stream);
  }

  private get active(): boolean {
    return this.running && !this.interrupted && this.lease.connection !== undefined;
  }

  /**
   * Two batches in flight per lane: while one is being applied (waiting on Postgres), the next
   * is already being fetched and validated. The next is applied only after the current one
   * has been applied through, whatever it took.
   */
  private async run(lane: Lane): Promise<void> {
    let next: Promise<Batch> | undefined = this.fetchAndParse(lane);
    while (next) {
      const batch = await next;
      next = this.active ? this.fetchAndParse(lane) : undefined;
      if (!(await this.oneAtATime(() => this.apply(lane, batch)))) break;
    }
    if (next) await next;
    // A clean stop hands back what is in hand at once, in stream order, for whoever goes on
    // (NATS serves redeliveries before new messages). After a lost lease or a reconnect they
    // stay unacked: the next holder rewinds to them.
    if (!this.running) for (const b of lane.inHand) for (const m of b.valid) nak(m);
  }

  /**
   * Runs `fn` after every batch queued before it, whichever lane (or, on a shared lease
   * session, whichever partition) it came from.
   */
  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    return this.lease.exclusive(fn);
  }

  private async fetchAndParse(lane: Lane): Promise<Batch> {
    const msgs = await lane.fetcher.fetch(this.opts.batchSize, this.opts.maxWaitMs);
    if (msgs.length === 0 && lane.fetcher.problem) {
      // The server refused the pull (consumer deleted, JetStream unavailable): wait, then
      // recreate the consumer if it is gone rather than spinning on instant refusals.
      this.onError(new Error(`pull refused on ${lane.durable}: ${lane.fetcher.problem}`), 'fetch');
      await lane.sleeper.sleep(RETRY_AFTER_ERROR_MS);
      if (this.active)
        await this.recreateDurable(lane).catch((e) => this.onError(e, 'recreating the consumer'));
    }
    const batch = this.parse(lane, msgs);
    if (batch.valid.length > 0) lane.inHand.push(batch);
    return batch;
  }

  private async recreateDurable(lane: Lane): Promise<void> {
    const checkpoints = await this.lease.exclusive(async () => {
      const client = this.lease.connection;
      return client ? this.inbox.checkpoints(client, [lane.durable]) : undefined;
    });
    if (!checkpoints) return;
    await this.jetstream.ensureDurable(lane, checkpoints.get(lane.durable));
  }

  /** Validates every message; invalid ones are on their way to DEAD (and acked) when `dead` settles. */
  private parse(lane: Lane, msgs: Msg[]): Batch {
    const batch: Batch = { valid: [], envelopes: [], dead: undefined };
    for (const m of msgs) {
      if (lane.wants && !lane.wants.some((f) => subjectMatches(f, m.subject))) {
        ack(m); // a subject of the family this consumer did not ask for
        continue;
      }
      const parsed = this.opts.registry.parse(m.data);
      if (parsed.ok) {
        batch.valid.push(m);
        batch.envelopes.push(parsed.envelope);
      } else {
        (batch.dead ??= []).push(this.invalidToDead(m, parsed.reason));
      }
    }
    return batch;
  }

  /** True when the whole batch was applied (or sent to DEAD); false when the session ended first. */
  private async apply(lane: Lane, batch: Batch): Promise<boolean> {
    if (batch.dead) await Promise.all(batch.dead);
    let { valid, envelopes } = batch;
    // Redeliveries come first in a batch: only then is the whole batch checked. One mixed in
    // later (rare) is still dropped by the inbox.
    const redelivered = valid.length > 0 && deliveryInfo(valid[0]).streamSeq <= lane.checkpoint;
    const seen = redelivered ? valid.filter((m) => deliveryInfo(m).streamSeq <= lane.checkpoint) : [];
    if (seen.length > 0) {
      for (const m of seen) ack(m);
      const keep = valid.map((m) => !seen.includes(m));
      valid = valid.filter((_, i) => keep[i]);
      envelopes = envelopes.filter((_, i) => keep[i]);
    }
    const applied = await applyInOrder(this.applyContext(lane), valid, envelopes);
    // An unfinished batch stays in hand: a clean stop hands it back (a nak of an acked message is a no-op).
    const i = lane.inHand.indexOf(batch);
    if (applied && i >= 0) lane.inHand.splice(i, 1);
    return applied;
  }

  private applyContext(lane: Lane): OrderedApplyContext {
    return {
      maxDeliver: this.opts.maxDeliver,
      retryBackoffMs: this.opts.retryBackoffMs,
      active: () => this.active,
      onError: this.onError,
      commit: (msgs, envelopes) => {
        const client = this.lease.connection;
        if (!client) return Promise.resolve({ ok: false, kind: 'transient', error: new Error('lease lost') });
        return this.commit(client, lane, msgs, envelopes);
      },
      committed: (msgs, fresh) => {
        for (const m of msgs) ack(m);
        this.notify(fresh);
      },
      toDead: (m, reason) => this.toDead(m, reason),
      pause: (ms) => this.pause(lane, ms),
    };
  }

  private async commit(client: Client, lane: Lane, msgs: Msg[], envelopes: AnyEnvelope[]) {
    // The last message carries the highest sequence except for a redelivery mixed in last; a
    // checkpoint that is too low only leaves more to the inbox, and GREATEST keeps it monotonic.
    const streamSeq = deliveryInfo(msgs[msgs.length - 1]).streamSeq;
    const outcome = await commitBatch(client, this.inbox, {
      consumer: this.opts.name,
      durable: lane.durable,
      envelopes,
      streamSeq,
      prepare: this.opts.prepare,
      handle: this.opts.handle,
    });
    if (outcome.ok && this.inOrderDelivery) lane.checkpoint = Math.max(lane.checkpoint, streamSeq);
    return outcome;
  }

  /** Waits `ms`, telling the server every third of the ack wait that the batches in hand are still being worked on. */
  private async pause(lane: Lane, ms: number): Promise<boolean> {
    const step = Math.max(100, Math.floor(this.opts.ackWaitMs / 3));
    for (let left = ms; left > 0 && this.active; left -= step) {
      for (const b of lane.inHand) for (const m of b.valid) m.respond('+WPI');
      await lane.sleeper.sleep(Math.min(step, left));
    }
    return this.active;
  }

  /** Publishes the message to DEAD, then acks it. */
  private async toDead(m: Msg, reason: string): Promise<boolean> {
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
      this.opts.onDeadLetter?.(reason);
      return true;
    } catch (e) {
      this.onError(e, 'could not publish a dead letter');
      return false;
    }
  }

  /** An invalid message is dead whatever its position: if DEAD is unreachable it comes back later. Never rejects. */
  private async invalidToDead(m: Msg, reason: string): Promise<void> {
    if (!(await this.toDead(m, reason))) nak(m, RETRY_AFTER_ERROR_MS);
  }

  private notify(fresh: AnyEnvelope[]): void {
    if (fresh.length === 0 || !this.opts.afterCommit) return;
    try {
      this.opts.afterCommit(fresh);
    } catch (e) {
      this.onError(e, 'afterCommit threw');
    }
  }
}
