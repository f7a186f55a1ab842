import type { NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { STREAMS, type StreamName } from '@guildhall/contracts';
import type { Topology } from './topology';

export interface StreamOptions {
  /** Age limit of DISCORD, the replay buffer of raw Discord facts. Default 7 days. */
  maxAgeMs?: number;
  /** Size limit of DISCORD in bytes; the oldest messages go first. Default unlimited. */
  maxBytes?: number;
  /** How long the server remembers a Nats-Msg-Id to drop a duplicate publish. Default 2 minutes. */
  duplicateWindowMs?: number;
  /** Copies of each stream in a NATS cluster (1, 3 or 5). Default 1. */
  replicas?: number;
  /**
   * The partition count of the log changes (EVENT_PARTITIONS_CHANGE=yes): every consumer has
   * caught up and the gateway is stopped (docs/partitions.md). Without it a start whose count
   * differs from the one the streams were made with fails, since the new subjects would leave
   * what is already in the streams unread.
   */
  repartition?: boolean;
  /** Told about a stream whose settings differ from these (an operator changed them): they are left alone. */
  onNotice?(message: string): void;
}

/** The partition count a stream was made with, in its description (streams from before partitions say none: 1). */
const PARTITIONS_NOTE = /guildhall:partitions=(\d+)/;

/** What ensureStreams found on one stream that differs from the configuration, and left as it is. */
export interface StreamDrift {
  stream: string;
  field: string;
  actual: unknown;
  configured: unknown;
}

/** The settings a start-up compares; storage and retention cannot change on a live stream anyway. */
const COMPARED = ['max_age', 'max_bytes', 'duplicate_window', 'num_replicas', 'allow_direct'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const STREAM_NAMES = Object.keys(STREAMS) as StreamName[];

/** ACTIONS is a to-do list for the gateway: an acked action is gone. */
export function isWorkQueue(name: StreamName): boolean {
  return name === 'ACTIONS';
}

function streamConfig(
  topology: Topology,
  name: StreamName,
  opts: StreamOptions,
): Partial<StreamConfig> & { name: string } {
  const dupMs = opts.duplicateWindowMs ?? 2 * 60 * 1000;
  const cfg: Partial<StreamConfig> & { name: string } = {
    name: topology.stream(name),
    subjects: STREAMS[name].subjects.map((s) => topology.streamSubject(s)),
    storage: StorageType.File,
    retention: isWorkQueue(name) ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(dupMs),
    // Lets readDeadLetters and ops tools fetch single messages from any replica.
    allow_direct: true,
    num_replicas: opts.replicas ?? 1,
  };
  if (name !== 'DEAD') cfg.description = `guildhall:partitions=${topology.partitions}`;
  if (name === 'DISCORD') {
    const maxAgeMs = opts.maxAgeMs ?? 7 * DAY_MS;
    cfg.max_age = nanos(maxAgeMs);
    cfg.max_bytes = opts.maxBytes ?? -1;
    // The server refuses a duplicate window longer than the age limit.
    if (maxAgeMs > 0 && dupMs > maxAgeMs) cfg.duplicate_window = nanos(maxAgeMs);
  }
  return cfg;
}

/**
 * Creates DISCORD, DOMAIN, ACTIONS (work queue) and DEAD where missing (file storage). An
 * existing stream only gets the subjects it lacks (a new contract subject); every other setting
 * is left as it is, since an operator may have changed it on purpose (more replicas, a longer
 * age). What differs from the configuration is returned and told through `onNotice`.
 */
export async function ensureStreams(
  nc: NatsConnection,
  topology: Topology,
  opts: StreamOptions = {},
): Promise<StreamDrift[]> {
  const jsm = await jetstreamManager(nc);
  const drift: StreamDrift[] = [];
  for (const name of STREAM_NAMES) {
    const cfg = streamConfig(topology, name, opts);
    const streamName = cfg.name;
    let actual: StreamConfig;
    try {
      actual = (await jsm.streams.info(streamName)).config;
    } catch (e) {
      if (!isStreamNotFound(e)) throw e;
      await jsm.streams.add(cfg);
      continue;
    }
    if (cfg.description) {
      const made = Number(PARTITIONS_NOTE.exec(actual.description ?? '')?.[1] ?? 1);
      if (made !== topology.partitions) {
        if (!opts.repartition)
          throw new Error(
            `stream ${streamName} holds events in ${made} partition(s) but EVENT_PARTITIONS is ${topology.partitions}: ` +
              'changing it needs every consumer caught up first; see docs/partitions.md (EVENT_PARTITIONS_CHANGE=yes)',
          );
        await jsm.streams.update(streamName, { description: cfg.description });
        opts.onNotice?.(`stream ${streamName}: partitions ${made} → ${topology.partitions}`);
      }
    }
    const missing = (cfg.subjects ?? []).filter((subject) => !actual.subjects.includes(subject));
    if (missing.length > 0)
      await jsm.streams.update(streamName, { subjects: [...actual.subjects, ...missing] });
    for (const field of COMPARED) {
      if (cfg[field] === undefined || sameSetting(actual[field], cfg[field])) continue;
      drift.push({ stream: streamName, field, actual: actual[field], configured: cfg[field] });
    }
  }
  for (const d of drift)
    opts.onNotice?.(
      `stream ${d.stream}: ${d.field} is ${String(d.actual)}, configured ${String(d.configured)}; left as it is (change it with \`nats stream edit\`)`,
    );
  return drift;
}

function sameSetting(a: unknown, b: unknown): boolean {
  return a === b || (a === undefined && b === 0) || Number(a) === Number(b);
}

/** Deletes the topology's streams (tests). Missing streams are fine. */
export async function deleteStreams(nc: NatsConnection, topology: Topology): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of STREAM_NAMES) {
    try {
      await jsm.streams.delete(topology.stream(name));
    } catch (e) {
      if (!isStreamNotFound(e)) throw e;
    }
  }
}

function isStreamNotFound(e: unknown): boolean {
  return e instanceof JetStreamApiError && e.code === JetStreamApiCodes.StreamNotFound;
}
