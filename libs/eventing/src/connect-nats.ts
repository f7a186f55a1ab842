import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';

/**
 * One connection per process; it reconnects forever because a service is useless without it.
 * noAsyncTraces: the client otherwise builds two Error objects (with stack traces) per
 * request to report a timeout's origin, which was a fifth of the CPU of a publish burst.
 */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}
