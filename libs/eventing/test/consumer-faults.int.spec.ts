import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { Pool } from 'pg';
import { contractRegistry, type Envelope } from '@guildhall/contracts';
import { PrivateNats, PrivatePostgres, type PrivateServer } from '@guildhall/testing';
import { connectNats } from '../src/connect-nats';
import type { ConsumerOptions } from '../src/consumer-options';
import { DurableConsumer } from '../src/durable-consumer';
import { Inbox } from '../src/inbox';
import { InboxPruner } from '../src/inbox-pruner';
import { Publisher } from '../src/publisher';
import { deleteStreams, ensureStreams } from '../src/streams';
import { eventingSchemaSql } from '../src/tables';
import { Topology } from '../src/topology';
import type { Tx } from '../src/tx';
import { eventually, messageCreated } from './eventing-world';

jest.setTimeout(120_000);

const SUBJECT = 'discord.7.message.created';
const ids = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

/**
 * A consumer on servers this file may crash: its own Postgres and nats-server, or the shared
 * ones for the faults that need no restart. `applied` keeps every application in commit order,
 * with no unique key, so a duplicate or a reordering shows.
 */
class FaultWorld {
  readonly schema = `evf${randomBytes(4).toString('hex')}`;
  readonly topology = new Topology(this.schema);
  pool!: Pool;
  nc!: NatsConnection;
  publisher!: Publisher;
  readonly errors: string[] = [];
  readonly notices: string[] = [];
  private readonly running: DurableConsumer[] = [];

  constructor(
    readonly databaseUrl: string,
    readonly natsUrl: string,
  ) {}

  async open(): Promise<this> {
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 4 });
    this.pool.on('error', () => undefined);
    this.nc = await connectNats(this.natsUrl, `fault-test-${this.schema}`);
    await ensureStreams(this.nc, this.topology);
    this.publisher = new Publisher(this.nc, this.topology);
    await this.pool.query(`CREATE SCHEMA ${this.schema}`);
    for (const sql of eventingSchemaSql(this.schema)) await this.pool.query(sql);
    await this.pool.query(`CREATE TABLE ${this.schema}.applied (n bigserial, event_id text NOT NULL)`);
    return this;
  }

  consumer(over: Partial<ConsumerOptions> = {}): DurableConsumer {
    const c = new DurableConsumer(this.nc, this.topology, {
      name: 'faults',
      stream: 'DISCORD',
      filterSubjects: [SUBJECT],
      pool: this.pool,
      schema: this.schema,
      registry: contractRegistry(),
      batchSize: 50,
      maxWaitMs: 20,
      leasePollMs: 200,
      onError: (e, context) => this.errors.push(`${context}: ${(e as Error).message}`),
      onNotice: (m) => this.notices.push(m),
      handle: async (batch: Envelope[], tx: Tx) => {
        await tx.query(`INSERT INTO ${this.schema}.applied (event_id) SELECT unnest($1::text[])`, [
          batch.map((e) => e.id),
        ]);
      },
      ...over,
    });
    this.running.push(c);
    return c;
  }

  /** Publishes, retrying through a NATS restart (the publisher of a real service would too). */
  async publish(eventIds: string[]): Promise<void> {
    for (let i = 0; i < eventIds.length; i += 100) {
      const chunk = eventIds
        .slice(i, i + 100)
        .map((id) => ({ subject: SUBJECT, envelope: messageCreated(id, '7') }));
      for (let attempt = 0; ; attempt++) {
        try {
          await this.publisher.publishMany(chunk);
          break;
        } catch (e) {
          if (attempt > 100) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
  }

  /** Event ids in the order they were applied, read once the database answers. */
  async appliedOrder(): Promise<string[]> {
    const { rows } = await this.pool.query(`SELECT event_id FROM ${this.schema}.applied ORDER BY n`);
    return rows.map((r: { event_id: string }) => r.event_id);
  }

  async appliedCount(): Promise<number> {
    try {
      const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM ${this.schema}.applied`);
      return rows[0].n;
    } catch {
      return -1;
    }
  }

  async waitForApplied(n: number, timeoutMs = 60_000): Promise<void> {
    const got = await eventually(
      () => this.appliedCount(),
      (c) => c >= n,
      timeoutMs,
    );
    if (got < n) throw new Error(`only ${got} of ${n} applied; errors: ${this.errors.slice(-5).join(' | ')}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.running.map((c) => c.stop()));
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    await deleteStreams(this.nc, this.topology).catch(() => undefined);
    await this.nc.close();
  }
}

const SHARED_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHARED_NATS = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('DurableConsumer under server faults: nothing lost, nothing twice, nothing reordered', () => {
  it('a Postgres crash and restart in mid-stream', async () => {
    const pg: PrivateServer = await PrivatePostgres.start();
    const w = await new FaultWorld(pg.url, SHARED_NATS).open();
    try {
      const all = ids('pg', 0, 2000);
      await w.publish(all.slice(0, 1000));
      await w.consumer().start();
      await w.waitForApplied(200);
      await pg.crash();
      await w.publish(all.slice(1000));
      await new Promise((r) => setTimeout(r, 1500));
      await pg.start();
      await w.waitForApplied(all.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(await w.appliedOrder()).toEqual(all);
    } finally {
      await w.close();
      await pg.dispose();
    }
  });

  it('a nats-server killed with SIGKILL and restarted in mid-stream', async () => {
    const nats: PrivateServer = await PrivateNats.start();
    const w = await new FaultWorld(SHARED_DB, nats.url).open();
    try {
      const all = ids('nk', 0, 2000);
      await w.publish(all.slice(0, 1000));
      await w.consumer().start();
      await w.waitForApplied(200);
      await nats.crash();
      await new Promise((r) => setTimeout(r, 1000));
      await nats.start();
      await w.publish(all.slice(1000));
      await w.waitForApplied(all.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(await w.appliedOrder()).toEqual(all);
    } finally {
      await w.close();
      await nats.dispose();
    }
  });

  it('started while nats-server is down, the consumer waits for it instead of failing the start', async () => {
    const nats: PrivateServer = await PrivateNats.start();
    const w = await new FaultWorld(SHARED_DB, nats.url).open();
    try {
      const all = ids('nd', 0, 600);
      await w.publish(all.slice(0, 300));
      await nats.crash();
      const consumer = w.consumer();
      // The service's start goes on (HTTP, health) while the consumer waits for NATS.
      await consumer.start();
      expect(consumer.state).toBe('waiting');
      await new Promise((r) => setTimeout(r, 500));
      await nats.start();
      await w.publish(all.slice(300));
      await w.waitForApplied(all.length);
      expect(consumer.state).toBe('active');
      expect(await w.appliedOrder()).toEqual(all);
      expect(w.errors.some((e) => /waiting for NATS/.test(e))).toBe(true);
    } finally {
      await w.close();
      await nats.dispose();
    }
  });

  it('one writer: a second process waits as a standby and takes over when the first stops or loses its session', async () => {
    const w = await new FaultWorld(SHARED_DB, SHARED_NATS).open();
    try {
      const all = ids('ls', 0, 3000);
      const first = w.consumer();
      const second = w.consumer();
      await first.start();
      await second.start();
      expect([first.state, second.state]).toEqual(['active', 'standby']);
      expect(w.notices.some((m) => /^standby: "guildhall faults .+" holds this consumer/.test(m))).toBe(true);

      await w.publish(all.slice(0, 1000));
      await w.waitForApplied(300);
      await first.stop();
      await eventually(
        async () => second.state,
        (s) => s === 'active',
        5000,
      );
      expect(second.state).toBe('active');
      await w.publish(all.slice(1000, 2000));
      await first.start();
      expect(first.state).toBe('standby');

      // The holder's session dies (failover, a cut connection): it stops applying at once, and
      // whichever process takes the lease next goes on from the ack floor.
      await w.waitForApplied(1300);
      await w.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'guildhall faults %' AND pid IN
           (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
      );
      await w.publish(all.slice(2000));
      await w.waitForApplied(all.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(await w.appliedOrder()).toEqual(all);
      expect([first.state, second.state].sort()).toEqual(['active', 'standby']);
    } finally {
      await w.close();
    }
  });

  it('a lost durable with a pruned inbox starts after its checkpoint: nothing is applied twice', async () => {
    const w = await new FaultWorld(SHARED_DB, SHARED_NATS).open();
    try {
      const all = ids('ck', 0, 600);
      await w.publish(all.slice(0, 300));
      const first = w.consumer();
      await first.start();
      await w.waitForApplied(300);
      await first.stop();
      // An operator pruned the inbox and NATS lost the durable (a store reset, a delete).
      await w.pool.query(`DELETE FROM ${w.schema}.inbox`);
      await (await jetstreamManager(w.nc)).consumers.delete(w.topology.stream('DISCORD'), 'faults');
      await w.publish(all.slice(300));
      await w.consumer().start();
      await w.waitForApplied(all.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(await w.appliedOrder()).toEqual(all);
      expect(w.notices.some((m) => /recreated after its checkpoint, at stream sequence 301$/.test(m))).toBe(
        true,
      );
    } finally {
      await w.close();
    }
  });

  it('a pruned inbox and a durable rewound over applied messages: the checkpoint drops them, nothing twice', async () => {
    const w = await new FaultWorld(SHARED_DB, SHARED_NATS).open();
    try {
      const all = ids('rp', 0, 400);
      await w.publish(all.slice(0, 200));
      const first = w.consumer();
      await first.start();
      await w.waitForApplied(200);
      await first.stop();
      await w.publish(all.slice(200));
      // A process takes 50 messages, commits them (inbox, checkpoint, effect) and dies before the ack.
      const raw = await jetstream(w.nc).consumers.get(w.topology.stream('DISCORD'), 'faults');
      const held: JsMsg[] = [];
      for await (const m of await raw.fetch({ max_messages: 50, expires: 2000 })) held.push(m);
      const heldIds = held.map((m) => (m.json() as Envelope).id);
      expect(heldIds).toEqual(all.slice(200, 250));
      const client = await w.pool.connect();
      try {
        await client.query('BEGIN');
        await new Inbox(w.schema).claim(client, 'faults', heldIds, held[held.length - 1].seq, 'faults');
        await client.query(`INSERT INTO ${w.schema}.applied (event_id) SELECT unnest($1::text[])`, [heldIds]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      // Then the whole inbox is pruned, and the next start rewinds the durable to its ack floor.
      await w.pool.query(`DELETE FROM ${w.schema}.inbox`);
      await w.consumer().start();
      await w.waitForApplied(all.length);
      await new Promise((r) => setTimeout(r, 500));
      expect(await w.appliedOrder()).toEqual(all);
      expect(
        w.notices.some((m) =>
          /^faults: 50 unacked after an unclean stop; rewound to stream sequence 201$/.test(m),
        ),
      ).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('inbox rows past the retention are pruned, newer ones kept', async () => {
    const w = await new FaultWorld(SHARED_DB, SHARED_NATS).open();
    try {
      await w.pool.query(
        `INSERT INTO ${w.schema}.inbox (consumer, event_id, created_at)
         SELECT 'c', 'old' || i, now() - interval '8 days' FROM generate_series(1, 12000) i
         UNION ALL SELECT 'c', 'new' || i, now() - interval '6 days' FROM generate_series(1, 10) i`,
      );
      const pruner = new InboxPruner({ pool: w.pool, schema: w.schema });
      expect(await pruner.pruneNow()).toBe(12000);
      const { rows } = await w.pool.query(
        `SELECT count(*)::int AS n FROM ${w.schema}.inbox WHERE event_id LIKE 'new%'`,
      );
      expect(rows[0].n).toBe(10);
      expect(await pruner.pruneNow()).toBe(0);
    } finally {
      await w.close();
    }
  });
});
