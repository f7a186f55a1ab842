import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client } from 'pg';
import { deleteStreams, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { messageEnvelopes } from './lib/messages';
import { progress, progressDone } from './lib/report';

/**
 * The floor to compare against: the plainest JetStream → Postgres pipeline there is. Pull a
 * batch, JSON.parse, one multi-row INSERT, ack. No validation, no inbox, no projections.
 */
export async function rawBaseline(
  nc: NatsConnection,
  databaseUrl: string,
  total: number,
  members: number,
): Promise<number> {
  const topology = new Topology(`benchraw${Date.now().toString(36)}`);
  const table = `bench_raw_${Date.now().toString(36)}`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await ensureStreams(nc, topology);
    await db.query(
      `CREATE UNLOGGED TABLE IF NOT EXISTS public.${table} (id text PRIMARY KEY, guild_id text, user_id text, occurred_at timestamptz)`,
    );
    // The baseline table is logged like a real one would be; UNLOGGED only for the drop below to be cheap.
    await db.query(`ALTER TABLE public.${table} SET LOGGED`);
    const publisher = new Publisher(nc, topology);
    let published = 0;
    for (const chunk of messageEnvelopes(total, members)) {
      await publisher.publishMany(chunk);
      published += chunk.length;
      progress('baseline: publishing', published, total);
    }
    progressDone();

    const stream = topology.stream('DISCORD');
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(stream, {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: 20_000,
    });
    const consumer = await jetstream(nc).consumers.get(stream, 'raw');
    const started = performance.now();
    let applied = 0;
    while (applied < total) {
      const batch = await consumer.fetch({ max_messages: 1000, expires: 1000 });
      const ids: string[] = [];
      const guilds: string[] = [];
      const users: string[] = [];
      const times: string[] = [];
      const msgs = [];
      for await (const m of batch) {
        const e = JSON.parse(new TextDecoder().decode(m.data));
        ids.push(e.id);
        guilds.push(e.guildId);
        users.push(e.data.userId);
        times.push(e.occurredAt);
        msgs.push(m);
      }
      if (msgs.length === 0) continue;
      await db.query(
        `INSERT INTO public.${table} SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
        [ids, guilds, users, times],
      );
      for (const m of msgs) m.ack();
      applied += msgs.length;
      progress('baseline: consuming', applied, total);
    }
    progressDone();
    const seconds = (performance.now() - started) / 1000;
    return total / seconds;
  } finally {
    await db.query(`DROP TABLE IF EXISTS public.${table}`).catch(() => undefined);
    await db.end();
    await deleteStreams(nc, topology).catch(() => undefined);
  }
}
