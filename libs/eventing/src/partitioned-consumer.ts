import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ConsumerOptions } from './consumer-options';
import { LeaseSession } from './consumer-lease';
import { DurableConsumer, type ConsumerState } from './durable-consumer';
import { assignPartitions } from './partition-assignment';
import { Sleeper } from './sleeper';
import type { Topology } from './topology';

/**
 * Postgres sessions per replica and consumer. Measured with one xp replica on 8 partitions at
 * 1000 msg/s: one session serialises every partition's commit (p99 0.45–1.8 s); see docs/partitions.md.
 */
const LEASE_SESSIONS = 4;

/** What a service holds of a consumer, partitioned or not: for health, metrics and stopping. */
export interface RunningConsumer {
  readonly state: ConsumerState;
  readonly durables: string[];
  /** The partitions this process applies; undefined for a consumer of the whole log. */
  readonly partitions?: number[];
  lag(): Promise<{ pendingMessages: number; lagSeconds: number }>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A consumer of a log spread over P partitions, run by any number of replicas. Every replica
 * joins the consumer's group (a shared advisory lock on its lease session: members are the
 * sessions alive, so a replica that dies leaves with its connection) and, every `leasePollMs`,
 * computes from the live members which partitions are its own (`assignPartitions`: every replica
 * gets the same answer). It runs one DurableConsumer per own partition, each with its own durable
 * and checkpoint and its own lease on one of the replica's sessions, and stops those that are no longer
 * its own.
 *
 * A hand-over is the rolling-deploy path of one feed: the replica giving a partition up finishes
 * the batch in its transaction, hands back the rest and unlocks; the one taking it polls the lease
 * and, once held, rewinds to the ack floor. While both disagree about the members (for up to one
 * poll) the lease keeps a partition to one writer; nothing is applied twice or out of order.
 *
 * A replica's partitions share a few lease sessions (`LEASE_SESSIONS`, partition p on session
 * p mod 4): the batches of the partitions on one session apply one at a time, those on different
 * sessions side by side, so Postgres commits several at once instead of a replica's every
 * partition waiting for one connection. The group's membership is held on the first.
 */
export class PartitionedConsumer implements RunningConsumer {
  private readonly sessions: LeaseSession[];
  private readonly me: string;
  private readonly feeds = new Map<number, DurableConsumer>();
  private readonly sleeper = new Sleeper();
  private readonly pollMs: number;
  private loop: Promise<void> | undefined;
  private running = false;
  private lastMembers = '';

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
    private readonly opts: ConsumerOptions,
  ) {
    if (topology.partitions < 2) throw new Error(`consumer ${opts.name}: the log has one partition`);
    this.pollMs = opts.leasePollMs ?? 1000;
    // Postgres shows the session's application_name to every member: it is the member's id.
    this.me = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.sessions = Array.from(
      { length: Math.min(LEASE_SESSIONS, topology.partitions) },
      () => new LeaseSession(opts.pool.options, opts.schema, `${this.me} guildhall ${opts.name}`),
    );
  }

  get partitions(): number[] {
    return [...this.feeds.keys()].sort((a, b) => a - b);
  }

  get durables(): string[] {
    return [...this.feeds.values()].flatMap((f) => f.durables);
  }

  /** `active` while it applies a partition; `waiting` while NATS has not answered; `standby` with none. */
  get state(): ConsumerState {
    if (!this.running) return 'stopped';
    const states = [...this.feeds.values()].map((f) => f.state);
    if (states.includes('waiting')) return 'waiting';
    return states.includes('active') ? 'active' : 'standby';
  }

  async lag(): Promise<{ pendingMessages: number; lagSeconds: number }> {
    let pendingMessages = 0;
    let lagSeconds = 0;
    for (const feed of [...this.feeds.values()]) {
      if (feed.state !== 'active') continue;
      const l = await feed.lag();
      pendingMessages += l.pendingMessages;
      lagSeconds = Math.max(lagSeconds, l.lagSeconds);
    }
    return { pendingMessages, lagSeconds };
  }

  /** Joins the group and takes its share at once; returns while feeds may still wait for their leases. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.rebalance();
    this.loop = this.watch();
  }

  /** Stops every feed (each finishes its transaction and hands back the rest), then leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.sleeper.wake();
    await this.loop;
    await Promise.all([...this.feeds.values()].map((f) => f.stop()));
    this.feeds.clear();
    await Promise.all(this.sessions.map((session) => session.exclusive(() => session.close(), true)));
  }

  /** The consumer's options, with what a feed reports naming its partition. */
  private feedOptions(p: number): ConsumerOptions {
    const { onError, onNotice } = this.opts;
    return {
      ...this.opts,
      onError: onError && ((e, context) => onError(e, `partition ${p}: ${context}`)),
      onNotice: onNotice && ((message) => onNotice(`partition ${p}: ${message}`)),
    };
  }

  private async watch(): Promise<void> {
    while (this.running) {
      await this.sleeper.sleep(this.pollMs);
      if (this.running) await this.rebalance();
    }
  }

  /** One round: who is alive, what is mine, start and stop feeds accordingly. Never rejects. */
  private async rebalance(): Promise<void> {
    let members: string[];
    try {
      const [first] = this.sessions;
      members = await first.exclusive(() => first.members(this.opts.name), true);
    } catch (e) {
      // Postgres is away: the feeds have lost their leases with the session; try again next round.
      this.opts.onError?.(e, 'reading the members of the group');
      return;
    }
    const ids = members.map((m) => m.split(' ')[0]);
    const mine = new Set(assignPartitions(ids, this.topology.partitions).get(this.me) ?? []);
    const seen = [...new Set(ids)].sort().join(',');
    if (seen !== this.lastMembers) {
      this.lastMembers = seen;
      this.opts.onNotice?.(
        `${ids.length} replica(s) in the group; this one (${this.me}) takes partitions ${[...mine].sort((a, b) => a - b).join(',') || 'none'}`,
      );
    }
    const leaving = [...this.feeds].filter(([p]) => !mine.has(p));
    // Give up first: the replica that takes them over is polling their leases now.
    await Promise.all(
      leaving.map(async ([p, feed]) => {
        await feed.stop().catch((e) => this.opts.onError?.(e, `handing partition ${p} over`));
        this.feeds.delete(p);
      }),
    );
    // Taken over side by side: each start rewinds its durable on the server, which takes a while under load.
    await Promise.all(
      [...mine]
        .filter((p) => !this.feeds.has(p) && this.running)
        .map(async (p) => {
          const feed = new DurableConsumer(this.nc, this.topology, this.feedOptions(p), {
            partition: p,
            session: this.sessions[p % this.sessions.length],
          });
          this.feeds.set(p, feed);
          await feed.start().catch((e) => {
            this.feeds.delete(p);
            this.opts.onError?.(e, `starting partition ${p}`);
          });
        }),
    );
  }
}
