import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connectNats } from '../src/connect-nats';
import { deleteStreams, ensureStreams } from '../src/streams';
import { Topology } from '../src/topology';

describe('ensureStreams', () => {
  const topology = new Topology(`st${randomBytes(4).toString('hex')}`);
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connectNats(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 'streams-test');
  });
  afterAll(async () => {
    await deleteStreams(nc, topology);
    await deleteStreams(nc, topology); // already gone: still fine
    await nc.close();
  });

  it('creates the four streams under the namespace, then updates them in place', async () => {
    await ensureStreams(nc, topology);
    await ensureStreams(nc, topology, {
      maxAgeMs: 3_600_000,
      maxBytes: 10_000_000,
      duplicateWindowMs: 30_000,
    });
    const jsm = await jetstreamManager(nc);
    const discord = (await jsm.streams.info(topology.stream('DISCORD'))).config;
    expect(discord).toMatchObject({
      subjects: [`${topology.namespace}.discord.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(3_600_000),
      max_bytes: 10_000_000,
      duplicate_window: nanos(30_000),
    });
    const actions = (await jsm.streams.info(topology.stream('ACTIONS'))).config;
    expect(actions.retention).toBe(RetentionPolicy.Workqueue);
    expect((await jsm.streams.info(topology.stream('DOMAIN'))).config.subjects).toContain(
      `${topology.namespace}.xp.>`,
    );
    expect((await jsm.streams.info(topology.stream('DEAD'))).config.subjects).toEqual([
      `${topology.namespace}.dead.>`,
    ]);
  });
});
