import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { Envelope } from '@guildhall/contracts';
import type { Topology } from './topology';

export interface OutgoingMessage {
  subject: string;
  envelope: Envelope;
}

/** A message already serialised, e.g. an outbox row or a dead letter. */
export interface RawOutgoingMessage {
  subject: string;
  msgId: string;
  payload: string | Uint8Array;
}

/**
 * In-flight PubAcks per window. Pipelining is what makes publishing fast (one round trip
 * per window instead of per message); the window bounds memory and pending request timers.
 */
const WINDOW = 1000;

/** Publishes to JetStream with `Nats-Msg-Id` set, so the stream drops duplicates within its window. */
export class Publisher {
  private readonly js: JetStreamClient;

  constructor(
    private readonly nc: NatsConnection,
    private readonly topology: Topology,
  ) {
    this.js = jetstream(nc);
  }

  /** The largest message the server takes (1 MB by default). */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** Whether JetStream itself answers (so a refused publish is about the message, not an outage). */
  async jetStreamAnswers(): Promise<boolean> {
    try {
      await (await jetstreamManager(this.nc, { timeout: 2000 })).getAccountInfo();
      return true;
    } catch {
      return false;
    }
  }

  /** Nats-Msg-Id = envelope.id; resolves after the PubAck. `subject` is unprefixed. */
  async publish(subject: string, envelope: Envelope): Promise<void> {
    await this.publishRaw(subject, envelope.id, JSON.stringify(envelope));
  }

  /** Pipelined: sends all, then awaits all PubAcks. */
  publishMany(items: OutgoingMessage[]): Promise<void> {
    return this.publishRawMany(
      items.map((i) => ({ subject: i.subject, msgId: i.envelope.id, payload: JSON.stringify(i.envelope) })),
    );
  }

  /** `subject` is unprefixed; resolves after the PubAck. */
  async publishRaw(subject: string, msgId: string, payload: string | Uint8Array): Promise<void> {
    await this.js.publish(this.topology.subject(subject), payload, { msgID: msgId });
  }

  /** Pipelined like publishMany, for messages already serialised. */
  async publishRawMany(items: RawOutgoingMessage[]): Promise<void> {
    for (let start = 0; start < items.length; start += WINDOW) {
      const end = Math.min(start + WINDOW, items.length);
      const acks: Promise<unknown>[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const m = items[i];
        acks[i - start] = this.js.publish(this.topology.subject(m.subject), m.payload, { msgID: m.msgId });
      }
      await Promise.all(acks);
    }
  }
}
