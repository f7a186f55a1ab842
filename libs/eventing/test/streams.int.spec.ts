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

  it('creates the four streams under the namespace with the configured limits', async () => {
    const drift = await ensureStreams(nc, topology, {
      maxAgeMs: 3_600_000,
      maxBytes: 10_000_000,
      duplicateWindowMs: 30_000,
    });
    expect(drift).toEqual([]);
    const jsm = await jetstreamManager(nc);
    const discord = (await jsm.streams.info(topology.stream('DISCORD'))).config;
    expect(discord).toMatchObject({
      subjects: [`${topology.namespace}.discord.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(3_600_000),
      max_bytes: 10_000_000,
      duplicate_window: nanos(30_000),
      num_replicas: 1,
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

  it('never resets what an operator changed: it adds missing subjects only and names the difference', async () => {
    const jsm = await jetstreamManager(nc);
    const name = topology.stream('DISCORD');
    // An operator gave DISCORD 30 days; someone removed a subject of DOMAIN by hand.
    await jsm.streams.update(name, { max_age: nanos(30 * 86_400_000) });
    const domain = topology.stream('DOMAIN');
    const subjects = (await jsm.streams.info(domain)).config.subjects;
    await jsm.streams.update(domain, { subjects: subjects.filter((s) => !s.endsWith('.xp.>')) });

    const notices: string[] = [];
    const drift = await ensureStreams(nc, topology, {
      maxAgeMs: 3_600_000,
      maxBytes: 10_000_000,
      duplicateWindowMs: 30_000,
      onNotice: (m) => notices.push(m),
    });
    expect((await jsm.streams.info(name)).config.max_age).toBe(nanos(30 * 86_400_000));
    expect(drift).toEqual([
      { stream: name, field: 'max_age', actual: nanos(30 * 86_400_000), configured: nanos(3_600_000) },
    ]);
    expect(notices).toEqual([
      `stream ${name}: max_age is ${nanos(30 * 86_400_000)}, configured ${nanos(3_600_000)}; left as it is (change it with \`nats stream edit\`)`,
    ]);
    expect((await jsm.streams.info(domain)).config.subjects).toContain(`${topology.namespace}.xp.>`);
  });

  it('refuses a start whose partition count differs from the log, unless the change is declared', async () => {
    await ensureStreams(nc, topology);
    const sixteen = new Topology(topology.namespace, 16);
    await expect(ensureStreams(nc, sixteen)).rejects.toThrow(
      `stream ${topology.stream('DISCORD')} holds events in 1 partition(s) but EVENT_PARTITIONS is 16`,
    );
    const notices: string[] = [];
    await ensureStreams(nc, sixteen, { repartition: true, onNotice: (m) => notices.push(m) });
    expect(notices).toContain(`stream ${topology.stream('DISCORD')}: partitions 1 → 16`);
    // Now the log says 16: a process still configured with 1 is the one refused.
    await expect(ensureStreams(nc, topology)).rejects.toThrow('holds events in 16 partition(s)');
    await ensureStreams(nc, sixteen); // and one configured with 16 starts
  });
});
