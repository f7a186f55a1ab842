import { EventingWorld, eventually, messageCreated } from './eventing-world';
import { envelope } from '@guildhall/contracts';
import { contractRegistry, type Envelope } from '@guildhall/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { DurableConsumer } from '../src/durable-consumer';
import type { ConsumerOptions } from '../src/consumer-options';
import { Publisher } from '../src/publisher';
import { supportsMultipleFilters } from '../src/subject-filter';
import type { Tx } from '../src/tx';

describe('DurableConsumer with several filter subjects', () => {
  const world = new EventingWorld();
  const registry = contractRegistry();
  let publisher: Publisher;
  let jsm: JetStreamManager;
  const running: DurableConsumer[] = [];
  /** Envelope ids in the order the handler saw them, per consumer. */
  const handled = new Map<string, string[]>();

  beforeAll(async () => {
    await world.open();
    publisher = new Publisher(world.nc, world.topology);
    jsm = await jetstreamManager(world.nc);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(() => world.close());

  function consumer(
    name: string,
    filterSubjects: string[],
    over: Partial<ConsumerOptions> = {},
  ): DurableConsumer {
    handled.set(name, []);
    return new DurableConsumer(world.nc, world.topology, {
      name,
      stream: 'DISCORD',
      filterSubjects,
      pool: world.pool,
      schema: world.schema,
      registry,
      batchSize: 20,
      maxWaitMs: 20,
      onError: () => undefined,
      onNotice: () => undefined,
      async handle(batch: Envelope[], tx: Tx) {
        handled.get(name)!.push(...batch.map((e) => e.id));
        await tx.query(
          `INSERT INTO ${world.schema}.applied (event_id, consumer) SELECT unnest($1::text[]), $2`,
          [batch.map((e) => e.id), name],
        );
      },
      ...over,
    });
  }
  async function start(c: DurableConsumer): Promise<DurableConsumer> {
    await c.start();
    running.push(c);
    return c;
  }
  const consumerCounts = async (name: string) => {
    const { rows } = await world.pool.query(
      `SELECT event_id, count(*)::int AS n FROM ${world.schema}.applied WHERE consumer = $1 GROUP BY event_id`,
      [name],
    );
    return new Map(rows.map((r: { event_id: string; n: number }) => [r.event_id, r.n]));
  };
  const consumerNames = async (stream: string) => {
    const names: string[] = [];
    for await (const ci of jsm.consumers.list(stream)) names.push(ci.name);
    return names.sort();
  };

  it('filters on the server: a flood of other subjects is never delivered, both kinds are applied once and in order', async () => {
    const a = 'discord.8.message.created';
    const b = 'discord.9.message.created';
    const flood = 'discord.7.message.created';
    const items = [];
    for (let i = 0; i < 40; i++) {
      items.push({ subject: a, envelope: messageCreated(`a${i}`, '8') });
      for (let j = 0; j < 25; j++)
        items.push({ subject: flood, envelope: messageCreated(`f${i}-${j}`, '7') });
      items.push({ subject: b, envelope: messageCreated(`b${i}`, '9') });
    }
    await publisher.publishMany(items);

    const c = await start(consumer('multi', [a, b]));
    const stream = world.topology.stream('DISCORD');
    const split = !supportsMultipleFilters(world.nc.info?.version);
    expect(split).toBe(world.nc.info?.version.startsWith('2.9.')); // this dev server is 2.9
    if (split) {
      expect(c.durables).toHaveLength(2);
      expect(c.durables.every((d) => /^multi_[0-9a-f]{8}$/.test(d))).toBe(true);
    } else expect(c.durables).toEqual(['multi']);

    const counts = await eventually(
      () => consumerCounts('multi'),
      (m) => m.size >= 80,
    );
    expect(counts.size).toBe(80);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].some((id) => id.startsWith('f'))).toBe(false);

    // What the server delivered: exactly the 80 matching messages, none of the 1000 others.
    const infos = await Promise.all(c.durables.map((d) => jsm.consumers.info(stream, d)));
    expect(infos.reduce((n, ci) => n + ci.delivered.consumer_seq, 0)).toBe(80);
    for (const ci of infos) {
      expect(ci.num_pending).toBe(0);
      expect(ci.num_ack_pending).toBe(0);
      expect(ci.num_redelivered).toBe(0);
      if (split) expect(ci.delivered.consumer_seq).toBe(40);
    }
    expect(await consumerNames(stream)).toEqual([...c.durables].sort());

    // Order within each subject holds (across them it is not promised on NATS < 2.10).
    const seen = handled.get('multi')!;
    const expected = (p: string) => Array.from({ length: 40 }, (_, i) => `${p}${i}`);
    expect(seen.filter((id) => id.startsWith('a'))).toEqual(expected('a'));
    expect(seen.filter((id) => id.startsWith('b'))).toEqual(expected('b'));

    // A checkpoint per server-side durable, each at the last message of its subjects.
    const lastSeq = async (subject: string) =>
      (await jsm.streams.getMessage(stream, { last_by_subj: world.topology.subject(subject) }))!.seq;
    const expectedCheckpoints = split
      ? { [c.durables[0]]: await lastSeq(a), [c.durables[1]]: await lastSeq(b) }
      : { multi: Math.max(await lastSeq(a), await lastSeq(b)) };
    const { rows } = await world.pool.query(
      `SELECT consumer, stream_seq FROM ${world.schema}.consumer_checkpoint WHERE consumer LIKE 'multi%'`,
    );
    expect(
      Object.fromEntries(
        rows.map((r: { consumer: string; stream_seq: string }) => [r.consumer, Number(r.stream_seq)]),
      ),
    ).toEqual(expectedCheckpoints);

    // stop() stops every lane: nothing published afterwards is applied.
    await c.stop();
    await publisher.publishMany([
      { subject: a, envelope: messageCreated('late-a', '8') },
      { subject: b, envelope: messageCreated('late-b', '9') },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await consumerCounts('multi')).size).toBe(80);

    // A restart picks up where each lane stopped, once.
    await start(consumer('multi', [a, b]));
    const after = await eventually(
      () => consumerCounts('multi'),
      (m) => m.size >= 82,
    );
    expect(after.size).toBe(82);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
  });

  it('replaces the whole-stream durable of the old layout, starting where it had acknowledged', async () => {
    const a = 'discord.12.message.created';
    const b = 'discord.13.message.created';
    const stream = world.topology.stream('DISCORD');
    // What the previous version left: one durable on the whole stream, partly acknowledged.
    await jsm.consumers.add(stream, {
      durable_name: 'legacy',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    await publisher.publishMany([
      { subject: a, envelope: messageCreated('old-a', '12') },
      { subject: b, envelope: messageCreated('old-b', '13') },
    ]);
    const old = await jetstream(world.nc).consumers.get(stream, 'legacy');
    let acked = 0;
    // Everything so far in the stream (the first test's messages too) was handled by the old version.
    const total = (await jsm.streams.info(stream)).state.messages;
    while (acked < total) {
      const batch = await old.fetch({ max_messages: 500, expires: 1000 });
      for await (const m of batch) {
        m.ack();
        acked++;
      }
    }
    await eventually(
      () => old.info(),
      (ci) => ci.num_ack_pending === 0,
    );
    await publisher.publishMany([
      { subject: a, envelope: messageCreated('new-a', '12') },
      { subject: 'discord.14.message.created', envelope: messageCreated('other', '14') },
      { subject: b, envelope: messageCreated('new-b', '13') },
    ]);

    const c = await start(consumer('legacy', [a, b]));
    const counts = await eventually(
      () => consumerCounts('legacy'),
      (m) => m.size >= 2,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(Object.fromEntries(await consumerCounts('legacy'))).toEqual({ 'new-a': 1, 'new-b': 1 });
    expect(counts.size).toBe(2);
    const names = await consumerNames(stream);
    if (c.durables.length > 1) expect(names).not.toContain('legacy');
    for (const d of c.durables) expect(names).toContain(d);
  });

  it('splits several filters on the ACTIONS work queue too, and acked actions are gone', async () => {
    const add = 'actions.15.role.add';
    const remove = 'actions.15.role.remove';
    const items = [];
    for (let i = 0; i < 10; i++) {
      items.push({ subject: add, envelope: messageCreated(`add${i}`, '15') });
      items.push({ subject: remove, envelope: messageCreated(`rm${i}`, '15') });
    }
    await publisher.publishMany(items);
    const c = await start(consumer('wq', [add, remove], { stream: 'ACTIONS' }));
    const counts = await eventually(
      () => consumerCounts('wq'),
      (m) => m.size >= 20,
    );
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const state = await eventually(
      async () => (await jsm.streams.info(world.topology.stream('ACTIONS'))).state,
      (s) => s.messages === 0,
    );
    expect(state.messages).toBe(0);
    expect(c.durables.length).toBe(supportsMultipleFilters(world.nc.info?.version) ? 1 : 2);
  });

  it("keeps a member's join, update and leave in order (one feed per entity family), and skips the family's subjects it did not ask for", async () => {
    const guild = '16';
    const user = (i: number) => String(480000000000000000n + BigInt(i));
    const at = '2026-01-01T00:00:00.000Z';
    const member = (kind: 'joined' | 'updated' | 'left', i: number) =>
      envelope({
        id: `${kind}-${i}`,
        type: `member.${kind}`,
        guildId: guild,
        occurredAt: at,
        source: 'test',
        data:
          kind === 'joined'
            ? { userId: user(i), username: `u${i}`, bot: false, roleIds: [], joinedAt: at }
            : kind === 'updated'
              ? { userId: user(i), roleIds: [] }
              : { userId: user(i) },
      });
    // Each member joins, changes (a subject this consumer does not read) and leaves within a few
    // messages; a burst of joins first makes the join lane (if there were one) fall behind.
    const items = [];
    for (let i = 0; i < 100; i++)
      items.push({ subject: `discord.${guild}.member.joined`, envelope: member('joined', i) });
    for (let i = 0; i < 100; i++) {
      items.push({ subject: `discord.${guild}.member.updated`, envelope: member('updated', i) });
      items.push({ subject: `discord.${guild}.member.left`, envelope: member('left', i) });
      items.push({ subject: `discord.${guild}.member.joined`, envelope: member('joined', 100 + i) });
    }
    await publisher.publishMany(items);
    const c = await start(
      consumer('members', ['discord.*.member.joined', 'discord.*.member.left', 'discord.*.role.upserted'], {
        batchSize: 7,
      }),
    );
    if (!supportsMultipleFilters(world.nc.info?.version)) expect(c.durables).toHaveLength(2);
    const counts = await eventually(
      () => consumerCounts('members'),
      (m) => m.size >= 300,
    );
    expect(counts.size).toBe(300);
    const seen = handled.get('members')!;
    expect(seen.some((id) => id.startsWith('updated'))).toBe(false);
    for (let i = 0; i < 100; i++) expect(seen.indexOf(`joined-${i}`)).toBeLessThan(seen.indexOf(`left-${i}`));
    // The stream order exactly, not only join before leave.
    expect(seen).toEqual(items.filter((m) => !m.subject.endsWith('updated')).map((m) => m.envelope.id));
  });

  it('refuses overlapping filter subjects, as JetStream does on 2.10 and on work queues', () => {
    expect(() => consumer('overlap', ['discord.*.message.created', 'discord.1.>'])).toThrow(
      'consumer overlap: filter subjects discord.*.message.created and discord.1.> overlap',
    );
  });
});
