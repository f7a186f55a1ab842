import { EventingWorld, eventually, messageCreated } from './eventing-world';
import { contractRegistry, type Envelope } from '@guildhall/contracts';
import { jetstream } from '@nats-io/jetstream';
import { DurableConsumer } from '../src/durable-consumer';
import type { ConsumerOptions } from '../src/consumer-options';
import { readDeadLetters } from '../src/dead-letters';
import { Publisher } from '../src/publisher';
import type { Tx } from '../src/tx';

describe('DurableConsumer', () => {
  const world = new EventingWorld();
  const registry = contractRegistry();
  let publisher: Publisher;
  const running: DurableConsumer[] = [];

  beforeAll(async () => {
    await world.open();
    publisher = new Publisher(world.nc, world.topology);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
  });
  afterAll(() => world.close());

  async function startConsumer(
    name: string,
    filter: string,
    over: Partial<ConsumerOptions> = {},
  ): Promise<DurableConsumer> {
    const c = new DurableConsumer(world.nc, world.topology, {
      name,
      stream: 'DISCORD',
      filterSubjects: [filter],
      pool: world.pool,
      schema: world.schema,
      registry,
      maxWaitMs: 50,
      onError: () => undefined,
      async handle(batch: Envelope[], tx: Tx) {
        await tx.query(
          `INSERT INTO ${world.schema}.applied (event_id, consumer) SELECT unnest($1::text[]), $2`,
          [batch.map((e) => e.id), name],
        );
      },
      ...over,
    });
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

  it('applies an event once even when it is published again past the stream dedupe window', async () => {
    const subject = 'discord.2.message.created';
    const e = messageCreated('dup-1', '2');
    await publisher.publish(subject, e);
    await publisher.publish(subject, e); // within the window: the stream drops it
    // After the window the stream would accept it: a different Nats-Msg-Id stands in for that.
    await jetstream(world.nc).publish(world.topology.subject(subject), JSON.stringify(e), {
      msgID: 'dup-1:after-window',
    });
    // Twice in one batch, too.
    await publisher.publishMany([{ subject, envelope: messageCreated('dup-2', '2') }]);
    await jetstream(world.nc).publish(
      world.topology.subject(subject),
      JSON.stringify(messageCreated('dup-2', '2')),
      { msgID: 'x' },
    );
    await publisher.publish(subject, messageCreated('last', '2'));

    await startConsumer('dupes', 'discord.2.>');
    const counts = await eventually(
      () => consumerCounts('dupes'),
      (m) => m.has('last'),
    );
    expect(Object.fromEntries(counts)).toEqual({ 'dup-1': 1, 'dup-2': 1, last: 1 });
    const { rows } = await world.pool.query(
      `SELECT stream_seq FROM ${world.schema}.consumer_checkpoint WHERE consumer = 'dupes'`,
    );
    expect(Number(rows[0].stream_seq)).toBeGreaterThan(0);
  });

  it('sends a malformed and an unknown-type message to DEAD with the reason and keeps applying the rest', async () => {
    const subject = 'discord.3.message.created';
    const js = jetstream(world.nc);
    await publisher.publish(subject, messageCreated('before', '3'));
    await js.publish(world.topology.subject(subject), '{not json', { msgID: 'bad-json' });
    await js.publish(
      world.topology.subject(subject),
      JSON.stringify({ ...messageCreated('odd', '3'), type: 'message.exploded' }),
      {
        msgID: 'odd',
      },
    );
    await publisher.publish(subject, messageCreated('after-1', '3'));
    await publisher.publish(subject, messageCreated('after-2', '3'));

    await startConsumer('invalid', 'discord.3.>');
    const counts = await eventually(
      () => consumerCounts('invalid'),
      (m) => m.has('after-2'),
    );
    expect(Object.fromEntries(counts)).toEqual({ before: 1, 'after-1': 1, 'after-2': 1 });

    const dead = await eventually(
      async () => (await readDeadLetters(world.nc, world.topology)).filter((d) => d.consumer === 'invalid'),
      (d) => d.length >= 2,
    );
    expect(dead).toHaveLength(2);
    expect(dead[0]).toMatchObject({ subject, stream: 'DISCORD', consumer: 'invalid', payload: '{not json' });
    expect(dead[0].reason).toMatch(/^not JSON/);
    expect(dead[1].reason).toBe('unknown event type message.exploded version 1');
    expect(dead[1].seq).toBeGreaterThan(dead[0].seq);
    expect(Date.parse(dead[1].failedAt)).not.toBeNaN();
  });

  it('sends only the envelope whose handler keeps failing to DEAD after maxDeliver; the rest are applied', async () => {
    const subject = 'discord.4.message.created';
    const ids = ['p1', 'p2', 'poison', 'p3', 'p4'];
    await publisher.publishMany(ids.map((id) => ({ subject, envelope: messageCreated(id, '4') })));
    let poisonAttempts = 0;

    await startConsumer('poison', 'discord.4.>', {
      maxDeliver: 3,
      retryBackoffMs: 20,
      async handle(batch: Envelope[], tx: Tx) {
        if (batch.some((e) => e.id === 'poison')) {
          poisonAttempts++;
          throw new Error('cannot apply poison');
        }
        await tx.query(
          `INSERT INTO ${world.schema}.applied (event_id, consumer) SELECT unnest($1::text[]), 'poison'`,
          [batch.map((e) => e.id)],
        );
      },
    });
    const dead = await eventually(
      async () => (await readDeadLetters(world.nc, world.topology)).filter((d) => d.consumer === 'poison'),
      (d) => d.length >= 1,
    );
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0].payload).id).toBe('poison');
    expect(dead[0].reason).toBe('handler failed 3 times: cannot apply poison');
    expect(Object.fromEntries(await consumerCounts('poison'))).toEqual({ p1: 1, p2: 1, p3: 1, p4: 1 });
    // Bisected out of the batch (in the 5, in the last 3), then alone until maxDeliver attempts.
    expect(poisonAttempts).toBe(5);
  });

  it('a consumer stopped mid-stream and a new instance with the same name apply every event exactly once', async () => {
    const subject = 'discord.5.message.created';
    const total = 3000;
    const events = Array.from({ length: total }, (_, i) => ({
      subject,
      envelope: messageCreated(`r${i}`, '5'),
    }));
    // The second half is published only after the first instance stopped, so it stops mid-stream
    // however fast this machine applies.
    await publisher.publishMany(events.slice(0, total / 2));

    const first = await startConsumer('restart', 'discord.5.>', { batchSize: 100 });
    await eventually(
      () => consumerCounts('restart'),
      (m) => m.size > 0,
    );
    await first.stop();
    const afterStop = (await consumerCounts('restart')).size;
    expect(afterStop).toBeLessThanOrEqual(total / 2);
    await publisher.publishMany(events.slice(total / 2));

    await startConsumer('restart', 'discord.5.>', { batchSize: 100 });
    const counts = await eventually(
      () => consumerCounts('restart'),
      (m) => m.size >= total,
    );
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
