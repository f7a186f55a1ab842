import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { Pool } from 'pg';
import { event, type EnvelopeOf } from '@guildhall/contracts';
import { connectNats } from '../src/connect-nats';
import { deleteStreams, ensureStreams } from '../src/streams';
import { eventingSchemaSql } from '../src/tables';
import { Topology } from '../src/topology';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A fresh schema and event namespace per test file, with the eventing tables, removed by close(). */
export class EventingWorld {
  readonly id = `ev${randomBytes(4).toString('hex')}`;
  readonly schema = this.id;
  readonly topology = new Topology(this.id);
  readonly pool = new Pool({ connectionString: DATABASE_URL, max: 4 });
  nc!: NatsConnection;

  async open(): Promise<this> {
    this.nc = await connectNats(NATS_URL, `eventing-test-${this.id}`);
    await ensureStreams(this.nc, this.topology, { duplicateWindowMs: 60_000 });
    await this.pool.query(`CREATE SCHEMA ${this.schema}`);
    for (const sql of eventingSchemaSql(this.schema)) await this.pool.query(sql);
    // Deliberately no unique key: a second application of an event would show as a second row.
    await this.pool.query(
      `CREATE TABLE ${this.schema}.applied (event_id text NOT NULL, consumer text NOT NULL)`,
    );
    return this;
  }

  async close(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await this.pool.end();
    await deleteStreams(this.nc, this.topology);
    await this.nc.close();
  }

  /** How many times each event id was applied. */
  async appliedCounts(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query(
      `SELECT event_id, count(*)::int AS n FROM ${this.schema}.applied GROUP BY event_id`,
    );
    return new Map(rows.map((r: { event_id: string; n: number }) => [r.event_id, r.n]));
  }
}

export function messageCreated(id: string, guildId = '1'): EnvelopeOf<'message.created'> {
  return event('message.created', {
    id,
    guildId,
    occurredAt: '2025-01-01T00:00:00.000Z',
    source: 'test',
    data: { messageId: '10', channelId: '20', userId: '30', roleIds: [], bot: false },
  });
}

/** Polls until `check` passes or the time is up, then returns its last result. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (check(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
