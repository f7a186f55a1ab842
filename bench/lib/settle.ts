import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Client } from 'pg';
import { Topology } from '@guildhall/eventing';
import { progress, progressDone } from './report';

/** What is still in flight: messages no consumer has acknowledged, and outbox rows not yet published. */
async function outstanding(
  nc: NatsConnection,
  topology: Topology,
  db: Client,
  schemas: string[],
): Promise<number> {
  const jsm = await jetstreamManager(nc);
  let n = 0;
  for (const name of ['DISCORD', 'DOMAIN'] as const) {
    for await (const c of jsm.consumers.list(topology.stream(name))) n += c.num_pending + c.num_ack_pending;
  }
  for (const schema of schemas) {
    const { rows } = await db
      .query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE sent_at IS NULL`)
      .catch(() => ({ rows: [{ n: 0 }] }));
    n += rows[0].n;
  }
  return n;
}

/**
 * Waits until every service has applied everything (no pending or unacknowledged message on
 * DISCORD and DOMAIN, every outbox published), seen twice in a row: a service's reaction to
 * one stream lands on another. Fails when nothing moves for `stallMs`.
 */
export async function waitUntilSettled(
  label: string,
  nc: NatsConnection,
  topology: Topology,
  db: Client,
  schemas: string[],
  stallMs = 60_000,
): Promise<void> {
  let first = -1;
  let last = -1;
  let movedAt = performance.now();
  let quietChecks = 0;
  for (;;) {
    const n = await outstanding(nc, topology, db, schemas);
    if (first < 0) first = Math.max(n, 1);
    progress(label, Math.max(0, first - n), first, `${n} outstanding`);
    if (n === 0 && ++quietChecks >= 2) break;
    if (n !== 0) quietChecks = 0;
    if (n !== last) [last, movedAt] = [n, performance.now()];
    else if (n !== 0 && performance.now() - movedAt > stallMs)
      throw new Error(`${label}: ${n} messages or outbox rows stayed outstanding for ${stallMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  progressDone();
}
