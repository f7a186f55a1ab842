import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerState, RunningConsumer, Topology } from '@guildhall/eventing';
import type { Pool } from 'pg';
import { metrics } from '../http/metrics';

export interface ConsumerReport {
  name: string;
  state: ConsumerState;
  /** The partitions this process applies, when the log is partitioned. */
  partitions?: number[];
  pendingMessages: number;
  lagSeconds: number;
}

/** How the event spine of one service is doing: what /health shows and /metrics exports. */
export interface SpineReport {
  consumers: ConsumerReport[];
  outbox: { pending: number; oldestPendingSeconds: number; dead: number };
  /** Messages in the namespace's DEAD stream (every service's); `npm run dead-letters -- list` shows them. */
  deadLetters: number;
  /** What is past a threshold, in words; empty when all is well. */
  problems: string[];
}

export interface SpineSources {
  pool: Pool;
  nc: NatsConnection;
  topology: Topology;
  schema: string;
  consumers: readonly { name: string; consumer: RunningConsumer }[];
  /** Past these the report names a problem (BaseConfig.health). */
  thresholds: { maxConsumerLagSeconds: number; maxOutboxAgeSeconds: number };
}

const gauges = {
  pending: () =>
    metrics.gauge('guildhall_consumer_pending_messages', 'Messages a consumer has not applied yet', [
      'consumer',
    ]),
  lag: () =>
    metrics.gauge('guildhall_consumer_lag_seconds', 'Age of the oldest message a consumer has not applied', [
      'consumer',
    ]),
  active: () =>
    metrics.gauge(
      'guildhall_consumer_active',
      '1 while this process holds the consumer lease, 0 as a standby',
      ['consumer'],
    ),
  outboxPending: () => metrics.gauge('guildhall_outbox_pending_rows', 'Outbox rows not yet published'),
  outboxAge: () =>
    metrics.gauge(
      'guildhall_outbox_oldest_pending_seconds',
      'Age of the oldest outbox row not yet published',
    ),
  outboxDead: () =>
    metrics.gauge('guildhall_outbox_dead_rows', 'Outbox rows set aside because NATS refused them'),
  deadLetters: () => metrics.gauge('guildhall_dead_letters', 'Messages in the DEAD stream of this namespace'),
};

/** Counts a dead letter by consumer and kind of reason (the full reason is in the letter). */
export function countDeadLetter(consumer: string, reason: string): void {
  const kind = reason.startsWith('handler failed') ? 'handler' : 'invalid';
  metrics
    .counter('guildhall_dead_letters_total', 'Messages this process sent to DEAD', ['consumer', 'kind'])
    .inc({ consumer, kind });
}

export async function spineReport(src: SpineSources): Promise<SpineReport> {
  const s = `"${src.schema}"`;
  const [consumers, outboxRow, deadLetters] = await Promise.all([
    Promise.all(
      src.consumers.map(async ({ name, consumer }) => ({
        name,
        state: consumer.state,
        ...(consumer.partitions ? { partitions: consumer.partitions } : {}),
        ...(await consumer.lag()),
      })),
    ),
    src.pool.query<{ pending: number; oldest: number | null; dead: number }>(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL AND dead_at IS NULL)::int AS pending,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL AND dead_at IS NULL))::float8 AS oldest,
              count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead
       FROM ${s}.outbox WHERE sent_at IS NULL`,
    ),
    jetstreamManager(src.nc)
      .then((jsm) => jsm.streams.info(src.topology.stream('DEAD')))
      .then((info) => info.state.messages),
  ]);
  const o = outboxRow.rows[0];
  const outbox = {
    pending: o.pending,
    oldestPendingSeconds: Math.round((o.oldest ?? 0) * 10) / 10,
    dead: o.dead,
  };
  const problems: string[] = [];
  for (const c of consumers)
    if (c.state === 'waiting') problems.push(`consumer ${c.name} waits for NATS to answer`);
    else if (c.lagSeconds > src.thresholds.maxConsumerLagSeconds)
      problems.push(`consumer ${c.name} is ${c.lagSeconds} s behind (${c.pendingMessages} messages)`);
  if (outbox.oldestPendingSeconds > src.thresholds.maxOutboxAgeSeconds)
    problems.push(
      `the outbox has ${outbox.pending} rows waiting, the oldest for ${outbox.oldestPendingSeconds} s`,
    );
  if (outbox.dead > 0) problems.push(`${outbox.dead} outbox rows were refused by NATS and set aside`);
  return { consumers, outbox, deadLetters, problems };
}

/** Copies a report into the Prometheus gauges. */
export function exportSpine(report: SpineReport): void {
  for (const c of report.consumers) {
    gauges.pending().set({ consumer: c.name }, c.pendingMessages);
    gauges.lag().set({ consumer: c.name }, c.lagSeconds);
    gauges.active().set({ consumer: c.name }, c.state === 'active' ? 1 : 0);
  }
  gauges.outboxPending().set(report.outbox.pending);
  gauges.outboxAge().set(report.outbox.oldestPendingSeconds);
  gauges.outboxDead().set(report.outbox.dead);
  gauges.deadLetters().set(report.deadLetters);
}
