import { metrics } from '@guildhall/platform';

/** The gateway's own series on GET /metrics; created on first use, never at import. */
export function gatewayMetrics() {
  return {
    events: metrics.counter('gateway_events_total', 'Discord dispatches translated into contract events', [
      'type',
    ]),
    published: metrics.counter(
      'gateway_events_published_total',
      'Contract events acknowledged by the DISCORD stream',
    ),
    dropped: metrics.counter(
      'gateway_events_dropped_total',
      'Contract events dropped because NATS stayed unreachable',
    ),
    publishErrors: metrics.counter(
      'gateway_publish_errors_total',
      'Failed publish batches (each is retried)',
    ),
    queued: metrics.gauge('gateway_publish_queue_depth', 'Events waiting to be published'),
    actions: metrics.counter('gateway_actions_total', 'Actions executed, by kind and outcome', [
      'kind',
      'outcome',
    ]),
    inFlight: metrics.gauge(
      'gateway_actions_in_flight',
      'Actions taken from ACTIONS and not yet recorded as done',
    ),
    deadlines: metrics.counter(
      'gateway_interaction_deadline_total',
      'Interactions the gateway had to defer or give up on',
      ['step'],
    ),
    tracked: metrics.gauge('gateway_interactions_tracked', 'Interactions remembered for their deadlines'),
  };
}
export type GatewayMetrics = ReturnType<typeof gatewayMetrics>;
