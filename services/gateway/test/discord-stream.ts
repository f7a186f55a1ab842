import type { Envelope } from '@guildhall/contracts';
import type { Topology } from '@guildhall/eventing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

/** Every event of the DISCORD stream, in stream order. */
export async function streamed(nc: NatsConnection, topology: Topology): Promise<Envelope[]> {
  const stream = topology.stream('DISCORD');
  const { state } = await (await jetstreamManager(nc)).streams.info(stream);
  if (state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream);
  const out: Envelope[] = [];
  try {
    const msgs = await consumer.fetch({ max_messages: state.messages, expires: 5000 });
    for await (const m of msgs) {
      out.push(m.json<Envelope>());
      if (m.info.streamSequence >= state.last_seq) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return out;
}

/** Message ids in the order the DISCORD stream holds them (of one guild, when given). */
export async function streamedMessageIds(
  nc: NatsConnection,
  topology: Topology,
  guildId?: string,
): Promise<string[]> {
  return (await streamed(nc, topology))
    .filter((e) => e.type === 'message.created' && (guildId === undefined || e.guildId === guildId))
    .map((e) => e.id);
}
