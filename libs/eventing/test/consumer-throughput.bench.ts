// Rough consumer throughput: publish N events, then time one DurableConsumer with a trivial
// handler through them. Run: node -r @swc-node/register libs/eventing/test/consumer-throughput.bench.ts [N]
import { EventingWorld, messageCreated } from './eventing-world';
import { contractRegistry } from '@guildhall/contracts';
import { DurableConsumer } from '../src/durable-consumer';
import { Publisher } from '../src/publisher';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const world = await new EventingWorld().open();
  try {
    const publisher = new Publisher(world.nc, world.topology);
    let t = Date.now();
    const chunk = 10_000;
    for (let i = 0; i < total; i += chunk) {
      const n = Math.min(chunk, total - i);
      await publisher.publishMany(
        Array.from({ length: n }, (_, k) => ({
          subject: 'discord.1.message.created',
          envelope: messageCreated(`b${i + k}`),
        })),
      );
    }
    console.log(
      `published ${total} in ${Date.now() - t} ms (${Math.round(total / ((Date.now() - t) / 1000))}/s)`,
    );

    let applied = 0;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const consumer = new DurableConsumer(world.nc, world.topology, {
      name: 'bench',
      batchSize: Number(process.env.BATCH ?? 500),
      stream: 'DISCORD',
      filterSubjects: ['discord.*.message.created'],
      pool: world.pool,
      schema: world.schema,
      registry: contractRegistry(),
      async handle(batch) {
        applied += batch.length;
      },
      afterCommit() {
        if (applied >= total) done();
      },
    });
    t = Date.now();
    await consumer.start();
    await finished;
    const ms = Date.now() - t;
    await consumer.stop();
    console.log(`consumed ${applied} in ${ms} ms (${Math.round(applied / (ms / 1000))} events/s)`);
  } finally {
    await world.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
