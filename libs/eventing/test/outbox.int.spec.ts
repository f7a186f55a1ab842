import { EventingWorld, messageCreated } from './eventing-world';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Outbox } from '../src/outbox';
import { OutboxRelay } from '../src/outbox-relay';
import { Publisher } from '../src/publisher';

/** Every message on the topology's DOMAIN stream: subject (unprefixed), Nats-Msg-Id and envelope id. */
async function domainMessages(world: EventingWorld) {
  const stream = world.topology.stream('DOMAIN');
  const { state } = await (await jetstreamManager(world.nc)).streams.info(stream);
  const out: { subject: string; msgId: string | undefined; id: string }[] = [];
  if (state.messages === 0) return out;
  const consumer = await jetstream(world.nc).consumers.get(stream);
  try {
    const msgs = await consumer.fetch({ max_messages: state.messages, expires: 2000 });
    for await (const m of msgs) {
      out.push({
        subject: world.topology.strip(m.subject),
        msgId: m.headers?.get('Nats-Msg-Id'),
        id: m.json<{ id: string }>().id,
      });
      if (m.info.streamSequence >= state.last_seq) break;
    }
  } finally {
    await consumer.delete();
  }
  return out;
}

describe('Outbox and OutboxRelay', () => {
  const world = new EventingWorld();
  let outbox: Outbox;
  let relay: OutboxRelay;

  beforeAll(async () => {
    await world.open();
    outbox = new Outbox(world.schema);
    relay = new OutboxRelay({
      pool: world.pool,
      schema: world.schema,
      publisher: new Publisher(world.nc, world.topology),
    });
  });
  afterAll(() => world.close());

  async function inTx(fn: (tx: import('pg').PoolClient) => Promise<void>, commit: boolean) {
    const client = await world.pool.connect();
    try {
      await client.query('BEGIN');
      await fn(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } finally {
      client.release();
    }
  }

  it('publishes committed rows once, with the envelope id as Nats-Msg-Id; rolled-back rows never', async () => {
    await inTx(
      (tx) =>
        outbox.add(tx, [
          { subject: 'xp.1.awarded', envelope: messageCreated('o1') },
          { subject: 'xp.1.level_reached', envelope: messageCreated('o2') },
        ]),
      true,
    );
    await inTx(
      (tx) => outbox.add(tx, [{ subject: 'xp.1.awarded', envelope: messageCreated('rolled-back') }]),
      false,
    );

    expect(await relay.drain()).toBe(2);
    expect(await relay.drain()).toBe(0);
    // A second relay (another replica, or a restart) finds nothing left to send.
    const second = new OutboxRelay({
      pool: world.pool,
      schema: world.schema,
      publisher: new Publisher(world.nc, world.topology),
    });
    expect(await second.drain()).toBe(0);

    expect(await domainMessages(world)).toEqual([
      { subject: 'xp.1.awarded', msgId: 'o1', id: 'o1' },
      { subject: 'xp.1.level_reached', msgId: 'o2', id: 'o2' },
    ]);
    const { rows } = await world.pool.query(
      `SELECT msg_id FROM ${world.schema}.outbox WHERE sent_at IS NULL`,
    );
    expect(rows).toEqual([]);
  });

  it('a started relay publishes promptly when woken after a commit and stops cleanly', async () => {
    const slow = new OutboxRelay({
      pool: world.pool,
      schema: world.schema,
      publisher: new Publisher(world.nc, world.topology),
      pollMs: 60_000,
    });
    slow.start();
    try {
      await inTx((tx) => outbox.add(tx, [{ subject: 'xp.1.awarded', envelope: messageCreated('o3') }]), true);
      slow.wake();
      const deadline = Date.now() + 5000;
      let ids: string[] = [];
      while (Date.now() < deadline && !ids.includes('o3')) {
        ids = (await domainMessages(world)).map((m) => m.id);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(ids).toEqual(['o1', 'o2', 'o3']);
    } finally {
      await slow.stop();
    }
  });
});
