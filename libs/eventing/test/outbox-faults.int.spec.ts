import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Pool, type PoolClient } from 'pg';
import { PrivateNats } from '@guildhall/testing';
import { connectNats } from '../src/connect-nats';
import { Outbox } from '../src/outbox';
import { OutboxRelay, type DeadOutboxRow } from '../src/outbox-relay';
import { Publisher } from '../src/publisher';
import { deleteStreams, ensureStreams } from '../src/streams';
import { eventingSchemaSql } from '../src/tables';
import { Topology } from '../src/topology';
import { eventually, messageCreated } from './eventing-world';

jest.setTimeout(60_000);

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A schema with an outbox, and a namespace on the given NATS. */
async function outboxWorld(natsUrl: string) {
  const schema = `evo${randomBytes(4).toString('hex')}`;
  const topology = new Topology(schema);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 3 });
  const nc: NatsConnection = await connectNats(natsUrl, `outbox-faults-${schema}`);
  await ensureStreams(nc, topology);
  await pool.query(`CREATE SCHEMA ${schema}`);
  for (const sql of eventingSchemaSql(schema)) await pool.query(sql);
  const outbox = new Outbox(schema);
  const dead: DeadOutboxRow[] = [];
  const relay = new OutboxRelay({
    pool,
    schema,
    publisher: new Publisher(nc, topology),
    pollMs: 20,
    onError: () => undefined,
    onDead: (row) => dead.push(row),
  });
  const add = async (rows: { subject: string; id: string; padding?: number }[]) => {
    const client: PoolClient = await pool.connect();
    try {
      await client.query('BEGIN');
      await outbox.add(
        client,
        rows.map((r) => {
          const envelope = messageCreated(r.id);
          if (r.padding) envelope.data.displayName = 'x'.repeat(r.padding);
          return { subject: r.subject, envelope };
        }),
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  /** Envelope ids on DOMAIN, in stream order. */
  const published = async (): Promise<string[]> => {
    const stream = topology.stream('DOMAIN');
    const { state } = await (await jetstreamManager(nc)).streams.info(stream);
    const ids: string[] = [];
    if (state.messages === 0) return ids;
    const consumer = await jetstream(nc).consumers.get(stream);
    try {
      for await (const m of await consumer.fetch({ max_messages: state.messages, expires: 2000 })) {
        ids.push(m.json<{ id: string }>().id);
        if (m.info.streamSequence >= state.last_seq) break;
      }
    } finally {
      await consumer.delete();
    }
    return ids;
  };
  const rowState = async () =>
    (
      await pool.query(
        `SELECT msg_id, sent_at IS NOT NULL AS sent, dead_at IS NOT NULL AS dead, failures, last_error FROM ${schema}.outbox ORDER BY id`,
      )
    ).rows as { msg_id: string; sent: boolean; dead: boolean; failures: number; last_error: string | null }[];
  const close = async () => {
    await relay.stop();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    await deleteStreams(nc, topology).catch(() => undefined);
    await nc.close();
  };
  return { relay, add, published, rowState, dead, close };
}

describe('OutboxRelay under refused and unreachable publishes', () => {
  it('sets aside a row NATS cannot take (too large at once, no stream after 3 refusals) with the reason and publishes the rest in order', async () => {
    const w = await outboxWorld(NATS_URL);
    try {
      await w.add([
        { subject: 'xp.1.awarded', id: 'a1' },
        { subject: 'xp.1.awarded', id: 'huge', padding: 1_100_000 },
        { subject: 'xp.1.awarded', id: 'a2' },
        { subject: 'nowhere.1.thing', id: 'lost' },
        { subject: 'xp.1.awarded', id: 'a3' },
      ]);
      w.relay.start();
      const rows = await eventually(
        () => w.rowState(),
        (rs) => rs.every((r) => r.sent || r.dead),
        15_000,
      );
      expect(await w.published()).toEqual(['a1', 'a2', 'a3']);
      expect(rows.map((r) => [r.msg_id, r.sent, r.dead, r.failures])).toEqual([
        ['a1', true, false, 0],
        ['huge', false, true, 1],
        ['a2', true, false, 0],
        ['lost', false, true, 3],
        ['a3', true, false, 0],
      ]);
      expect(rows[1].last_error).toMatch(/^payload of \d+ bytes exceeds the NATS max_payload of 1048576$/);
      expect(rows[3].last_error).toBe('no stream takes subject nowhere.1.thing');
      expect(w.dead.map((d) => d.msgId)).toEqual(['huge', 'lost']);
    } finally {
      await w.close();
    }
  });

  it('an unreachable NATS sets nothing aside: every row goes out once it is back', async () => {
    const nats = await PrivateNats.start();
    const w = await outboxWorld(nats.url);
    try {
      await nats.crash();
      await w.add([1, 2, 3, 4].map((i) => ({ subject: 'xp.1.awarded', id: `n${i}` })));
      w.relay.start();
      await new Promise((r) => setTimeout(r, 3000));
      expect((await w.rowState()).every((r) => !r.sent && !r.dead && r.failures === 0)).toBe(true);
      await nats.start();
      const ids = await eventually(
        () => w.published().catch(() => []),
        (p) => p.length >= 4,
        20_000,
      );
      expect(ids).toEqual(['n1', 'n2', 'n3', 'n4']);
      expect(w.dead).toEqual([]);
    } finally {
      await w.close();
      await nats.dispose();
    }
  });
});
