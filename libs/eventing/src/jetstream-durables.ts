import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
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
import type { StreamName } from '@guildhall/contracts';
import { isWorkQueue } from './streams';
import { entityFamilies, supportsMultipleFilters } from './subject-filter';
import type { Topology } from './topology';

/** One server-side durable: its name (also its checkpoint key) and its prefixed filter subjects. */
export interface DurableSpec {
  durable: string;
  filters: string[];
  /** Prefixed; set when the durable's filter is wider than what the consumer asked for: the rest is skipped. */
  wants?: string[];
  /** Unprefixed, with `wants`: the filters (each once a durable of its own) this family durable stands for. */
  members?: string[];
}

/** The last stream sequence a durable committed, and when (from consumer_checkpoint). */
export interface Checkpoint {
  streamSeq: number;
  updatedAt: Date;
}

export interface DurableOptions {
  name: string;
  /** The one partition this consumer's durables read; undefined: all of them. */
  partition?: number;
  stream: StreamName;
  /** Unprefixed. */
  filterSubjects: string[];
  batchSize: number;
  ackWaitMs: number;
  onNotice(message: string): void;
}

/**
 * The JetStream side of a consumer, and the one place that knows NATS < 2.10 takes a single
 * filter per durable. Several filter subjects: NATS 2.10+ filters one durable on all of them
 * (`filter_subjects`); older servers get one durable per entity family of filters
 * (`entityFamilies`: `discord.*.member.>` for the member filters), `<name>_<hash of its filter>`
 * (named by the filter, not its position, so reordering the list never points a durable's
 * stream position at another subject).
 */
export class JetStreamDurables {
  readonly specs: DurableSpec[];

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
    private readonly opts: DurableOptions,
  ) {
    const wire = (f: string) => topology.filter(f, opts.partition);
    if (opts.filterSubjects.length === 1 || supportsMultipleFilters(nc.info?.version)) {
      this.specs = [{ durable: opts.name, filters: opts.filterSubjects.map(wire) }];
      return;
    }
    // On a work queue a wider filter would take (and delete) messages meant for other consumers.
    const lanes = isWorkQueue(opts.stream)
      ? new Map(opts.filterSubjects.map((f) => [f, [f]]))
      : entityFamilies(opts.filterSubjects);
    this.specs = [...lanes].map(([filter, members]) => ({
      durable: subDurableName(opts.name, filter),
      filters: [wire(filter)],
      ...(members.length > 1 || members[0] !== filter ? { wants: members.map(wire) } : {}),
    }));
  }

  get durables(): string[] {
    return this.specs.map((s) => s.durable);
  }

  private get workQueue(): boolean {
    return isWorkQueue(this.opts.stream);
  }

  private consumerConfig(lane: DurableSpec): Partial<ConsumerConfig> & { durable_name: string } {
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
   * Returns, per durable, the stream sequence up to which everything was applied (0: unknown).
   * Creates or updates every lane's durable; with `rewindOnStart`, rewinds those left with
   * unacked messages (on a work queue, by recreating them). Durables of the other layout (the
   * single `name` after a move to NATS < 2.10 semantics, `name_<hash>` ones after an upgrade to 2.10 or for a filter that was
   * removed) are deleted, and a new durable starts where they had all acknowledged, not at
   * the beginning of the stream. A durable that is simply gone (deleted by an operator, lost
   * with a NATS store) starts after its checkpoint, the last stream sequence it committed,
   * rather than re-reading the whole stream.
   */
  async ensure(rewind: boolean, checkpoints: ReadonlyMap<string, Checkpoint>): Promise<Map<string, number>> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    // Read before the consumers: a durable with nothing pending has seen at least up to here.
    const streamInfo = await jsm.streams.info(stream);
    const lastSeq = streamInfo.state.last_seq;
    const existing = new Map<string, ConsumerInfo>();
    for await (const ci of jsm.consumers.list(stream)) existing.set(ci.name, ci);
    const ours = new Set(this.durables);
    const sub = subDurablePattern(this.opts.name);
    const former = [...existing.values()].filter(
      (ci) => !ours.has(ci.name) && (ci.name === this.opts.name || sub.test(ci.name)),
    );

    // Where the other layout had got to: everything before it is acknowledged on every
    // subject. (The durable of a filter that was simply removed says nothing about the others.)
    const predecessors = this.specs.length > 1 ? former.filter((ci) => ci.name === this.opts.name) : former;
    let resumeAt: number | undefined;
    if (predecessors.length > 0 && !this.workQueue && this.specs.some((l) => !existing.has(l.durable))) {
      const caughtUp = (ci: ConsumerInfo) => ci.num_pending === 0 && ci.num_ack_pending === 0;
      resumeAt = Math.min(...predecessors.map((ci) => (caughtUp(ci) ? lastSeq : ackFloor(ci)))) + 1;
    }
    // A work queue refuses overlapping filters on two consumers: the old ones go first (their
    // unacked messages stay in the stream for the new ones).
    if (this.workQueue) await this.deleteFormer(jsm, stream, former);

    for (const lane of this.specs) {
      const cfg = this.consumerConfig(lane);
      const info = existing.get(lane.durable);
      if (!info) {
        const from =
          resumeAt ??
          familyResume(this.opts.name, lane, former, lastSeq) ??
          this.after(checkpoints.get(lane.durable), streamInfo.created);
        await jsm.consumers.add(stream, startingAt(cfg, from));
        if (resumeAt === undefined && from !== undefined)
          this.opts.onNotice(
            `${lane.durable}: durable was missing; recreated after its checkpoint, at stream sequence ${from}`,
          );
      } else if (rewind && info.num_ack_pending > 0) {
        // A work queue keeps only what is not yet acknowledged, so there a deliver-all durable
        // starts at exactly the held messages; elsewhere the new one starts after the ack floor.
        const from = this.workQueue ? undefined : ackFloor(info) + 1;
        await jsm.consumers.delete(stream, lane.durable);
        await jsm.consumers.add(stream, startingAt(cfg, from));
        this.opts.onNotice(
          `${lane.durable}: ${info.num_ack_pending} unacked after an unclean stop; ` +
            (from === undefined ? 'recreated so they come first' : `rewound to stream sequence ${from}`),
        );
      } else {
        await this.update(jsm, stream, cfg);
      }
    }
    if (!this.workQueue) await this.deleteFormer(jsm, stream, former);
    // What each durable has certainly applied: a redelivery at or below it is a duplicate.
    const applied = new Map<string, number>();
    for (const lane of this.specs)
      applied.set(lane.durable, (this.after(checkpoints.get(lane.durable), streamInfo.created) ?? 1) - 1);
    return applied;
  }

  /**
   * Where a recreated durable starts: after its checkpoint, unless the stream is younger than
   * the checkpoint (recreated, its sequences starting again at 1), where the checkpoint says
   * nothing and the inbox drops what was applied before.
   */
  private after(checkpoint: Checkpoint | undefined, streamCreated: string): number | undefined {
    if (!checkpoint || this.workQueue || Date.parse(streamCreated) > checkpoint.updatedAt.getTime())
      return undefined;
    return checkpoint.streamSeq + 1;
  }

  private async deleteFormer(jsm: JetStreamManager, stream: string, former: ConsumerInfo[]): Promise<void> {
    for (const ci of former) {
      await jsm.consumers.delete(stream, ci.name).catch((e) => {
        if (!isConsumerNotFound(e)) throw e;
      });
      this.opts.onNotice(`deleted durable ${ci.name}, replaced by ${this.durables.join(', ')}`);
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

  /**
   * After a refused pull: recreates the lane's durable after `checkpoint` if it is gone (never
   * rewinds: our own batch may be in hand).
   */
  async ensureDurable(lane: DurableSpec, checkpoint: Checkpoint | undefined): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.topology.stream(this.opts.stream);
    const cfg = this.consumerConfig(lane);
    try {
      await jsm.consumers.info(stream, lane.durable);
    } catch (e) {
      if (!isConsumerNotFound(e)) throw e;
      const from = this.after(checkpoint, (await jsm.streams.info(stream)).created);
      await jsm.consumers.add(stream, startingAt(cfg, from));
      this.opts.onNotice(`${lane.durable}: durable was gone; recreated at stream sequence ${from ?? 1}`);
      return;
    }
    await this.update(jsm, stream, cfg);
  }
}

/**
 * A family durable replacing one durable per filter (the layout before families): it starts
 * where all of those had acknowledged. If one of its filters had no durable (a new filter), that
 * subject must be read from the start, so the family starts there too.
 */
function familyResume(
  name: string,
  lane: DurableSpec,
  former: ConsumerInfo[],
  lastSeq: number,
): number | undefined {
  if (!lane.members) return undefined;
  const previous = lane.members.map((f) => former.find((ci) => ci.name === subDurableName(name, f)));
  if (previous.some((ci) => ci === undefined)) return undefined;
  const caughtUp = (ci: ConsumerInfo) => ci.num_pending === 0 && ci.num_ack_pending === 0;
  return Math.min(...(previous as ConsumerInfo[]).map((ci) => (caughtUp(ci) ? lastSeq : ackFloor(ci)))) + 1;
}

function startingAt(
  cfg: Partial<ConsumerConfig> & { durable_name: string },
  from: number | undefined,
): Partial<ConsumerConfig> & { durable_name: string } {
  return from === undefined
    ? cfg
    : { ...cfg, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from };
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
