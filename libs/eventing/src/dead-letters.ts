import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { deadSubject, type StreamName } from '@guildhall/contracts';
import type { Publisher } from './publisher';
import type { DeliveryInfo } from './pull-fetcher';
import type { Topology } from './topology';

/** What a consumer could not handle and why. `subject` is unprefixed; `stream` is the logical name. */
export interface DeadLetter {
  subject: string;
  stream: string;
  seq: number;
  consumer: string;
  reason: string;
  payload: string;
  failedAt: string;
}

const decoder = new TextDecoder();

/**
 * Publishes `m` to `dead.<original subject>`. The Nats-Msg-Id names the stream message and the
 * consumer, so a redelivery of the same failure is dropped but two consumers failing on the
 * same message each leave their record.
 */
export function publishDeadLetter(
  publisher: Publisher,
  topology: Topology,
  m: Msg,
  info: DeliveryInfo,
  stream: StreamName,
  consumer: string,
  reason: string,
): Promise<void> {
  const subject = topology.strip(m.subject);
  const letter: DeadLetter = {
    subject,
    stream,
    seq: info.streamSeq,
    consumer,
    reason,
    payload: decoder.decode(m.data),
    failedAt: new Date().toISOString(),
  };
  return publisher.publishRaw(
    deadSubject(subject),
    `dead:${info.stream}:${info.streamSeq}:${consumer}`,
    JSON.stringify(letter),
  );
}

/** Every dead letter of the topology, oldest first (tests and ops). */
export async function readDeadLetters(nc: NatsConnection, topology: Topology): Promise<DeadLetter[]> {
  const stream = topology.stream('DEAD');
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return [];
  // An ordered consumer: ephemeral, in sequence, and gone once we stop reading.
  const consumer = await jetstream(nc).consumers.get(stream);
  const letters: DeadLetter[] = [];
  try {
    const msgs = await consumer.fetch({ max_messages: state.messages, expires: 2000 });
    for await (const m of msgs) {
      letters.push(JSON.parse(m.string()) as DeadLetter);
      if (m.info.streamSequence >= state.last_seq) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return letters;
}
