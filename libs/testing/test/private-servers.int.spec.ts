import { Client } from 'pg';
import { connectNats, ensureStreams, Publisher, Topology } from '@guildhall/eventing';
import { jetstreamManager } from '@nats-io/jetstream';
import { PrivateNats, PrivatePostgres } from '../src';

describe('private servers for fault tests', () => {
  it('a crashed Postgres comes back on the same port with its committed data', async () => {
    const pg = await PrivatePostgres.start();
    try {
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      c.on('error', () => undefined);
      await c.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
      await pg.crash();
      await expect(c.query('SELECT 1')).rejects.toThrow();
      await pg.start();
      const again = new Client({ connectionString: pg.url });
      await again.connect();
      expect((await again.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
      await again.end();
    } finally {
      await pg.dispose();
    }
  });

  it('a killed nats-server comes back with its JetStream streams and messages', async () => {
    const nats = await PrivateNats.start();
    try {
      const topology = new Topology('privtest');
      const nc = await connectNats(nats.url, 'private-servers-test');
      await ensureStreams(nc, topology);
      await new Publisher(nc, topology).publishRaw('discord.g1.message.created', 'm1', '{}');
      await nc.close();
      await nats.restart();
      const again = await connectNats(nats.url, 'private-servers-test-2');
      const info = await (await jetstreamManager(again)).streams.info(topology.stream('DISCORD'));
      expect(info.state.messages).toBe(1);
      await again.close();
    } finally {
      await nats.dispose();
    }
  });
});
