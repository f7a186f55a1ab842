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
}

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
    subjects: STREAMS[name].subjects.map((s) => topology.subject(s)),
    storage: StorageType.File,
    retention: isWorkQueue(name) ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(dupMs),
    // Lets readDeadLetters and ops tools fetch single messages from any replica.
    allow_direct: true,
  };
  if (name === 'DISCORD') {
    const maxAgeMs = opts.maxAgeMs ?? 7 * DAY_MS;
    cfg.max_age = nanos(maxAgeMs);
    cfg.max_bytes = opts.maxBytes ?? -1;
    // The server refuses a duplicate window longer than the age limit.
    if (maxAgeMs > 0 && dupMs > maxAgeMs) cfg.duplicate_window = nanos(maxAgeMs);
  }
  return cfg;
}

/** Creates or updates DISCORD, DOMAIN, ACTIONS (work queue), DEAD; file storage. */
export async function ensureStreams(
  nc: NatsConnection,
  topology: Topology,
  opts: StreamOptions = {},
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of STREAM_NAMES) {
    const cfg = streamConfig(topology, name, opts);
    const streamName = cfg.name;
    try {
      await jsm.streams.info(streamName);
    } catch (e) {
      if (!isStreamNotFound(e)) throw e;
      await jsm.streams.add(cfg);
      continue;
    }
    // Storage and retention cannot change on a live stream; the server says so if they differ.
    const { name: _name, ...changes } = cfg;
    await jsm.streams.update(streamName, changes);
  }
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
