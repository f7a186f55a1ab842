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
    leftForResume: metrics.counter(
      'gateway_events_left_for_resume_total',
      'Events still unpublished when the gateway stopped; the next RESUME replays them',
    ),
    readHeld: metrics.gauge(
      'gateway_discord_read_held',
      '1 while reading from Discord is paused because the publish queue is full (NATS slow or down)',
    ),
    sessionsLost: metrics.counter(
      'gateway_sessions_lost_total',
      'Shards that had to IDENTIFY afresh although they had a session (what Discord sent in the gap is gone)',
    ),
    reconciled: metrics.counter(
      'gateway_members_reconciled_total',
      'Member changes found by listing a guild after a session Discord could not resume, by change',
      ['change'],
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
    refused: metrics.counter(
      'gateway_actions_refused_total',
      "Actions refused before any Discord call: their channel, role or member is not in the action's guild",
      ['kind', 'target'],
    ),
    parked: metrics.counter(
      'gateway_actions_parked_total',
      "Actions set aside because their guild's route was rate limited (the lane went on without them)",
      ['lane'],
    ),
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
