import type { NatsConnection } from '@nats-io/nats-core';
import { DeliverPolicy, JetStreamApiCodes, JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import type { StreamName } from '@guildhall/contracts';
import type { Topology } from '@guildhall/eventing';

/**
 * XP decisions depend on each member's messages arriving in order (the cooldown runs from the
 * last award). After a crash, JetStream holds the batch the dead process had in hand until its
 * ack wait expires and meanwhile delivers the messages after it, so a restart would see them
 * out of order. Before consuming, we therefore recreate a durable that has unacked messages
 * so it starts again at its ack floor: everything after the floor comes again in stream order,
 * and what was already applied is dropped by the inbox. Assumes one process per durable (a
 * partition), as the architecture prescribes.
 */
export async function rewindToAckFloor(nc: NatsConnection, topology: Topology, stream: StreamName, durable: string): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  const streamName = topology.stream(stream);
  let info;
  try {
    info = await jsm.consumers.info(streamName, durable);
  } catch (e) {
    if (e instanceof JetStreamApiError && e.code === JetStreamApiCodes.ConsumerNotFound) return false;
    throw e;
  }
  if (info.num_ack_pending === 0) return false;
  const { config } = info;
  await jsm.consumers.delete(streamName, durable);
  await jsm.consumers.add(streamName, {
    ...config,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: info.ack_floor.stream_seq + 1,
  });
  return true;
}
