import { partitionedFilter } from '@guildhall/contracts/src/partitions';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { dashboardEnv } from '../env';

let pending: Promise<NatsConnection> | undefined;

/** One NATS connection per dashboard process (live views, sessions), opened on first use. */
export function natsConnection(): Promise<NatsConnection> {
  if (!pending) {
    const env = dashboardEnv();
    pending = connect({ servers: env.natsUrl, name: 'dashboard', maxReconnectAttempts: -1 }).then(
      (nc) => {
        // A closed connection is reopened by the next subscriber rather than kept broken.
        void nc.closed().then(() => {
          pending = undefined;
        });
        return nc;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
  }
  return pending;
}

/** A guild's subject as it travels: under the event namespace and in the guild's partition (docs/partitions.md). */
export function namespaced(subject: string): string {
  const { eventNamespace: ns, eventPartitions } = dashboardEnv();
  const wire = partitionedFilter(subject, eventPartitions);
  return ns ? `${ns}.${wire}` : wire;
}
