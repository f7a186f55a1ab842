import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { contractRegistry, type Envelope } from '@guildhall/contracts';
import { DurableConsumer } from '../src/durable-consumer';
import { Publisher } from '../src/publisher';
import type { Tx } from '../src/tx';
import { EventingWorld, eventually, messageCreated } from './eventing-world';

const run = promisify(execFile);
const ROOT = `${__dirname}/../../..`;

describe('npm run dead-letters: list, show and replay what is in DEAD', () => {
  const world = new EventingWorld();
  const running: DurableConsumer[] = [];
  let fixed = false;

  beforeAll(() => world.open());
  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
    await world.close();
  });

  /** The CLI as an operator runs it, against this test's namespace. */
  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['-r', '@swc-node/register', 'libs/eventing/src/cli/dead-letters.ts', ...args],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            EVENT_NAMESPACE: world.id,
            NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
          },
        },
      );
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }

  function consumer(name: string, fails: (e: Envelope) => boolean): DurableConsumer {
    const c = new DurableConsumer(world.nc, world.topology, {
      name,
      stream: 'DISCORD',
      filterSubjects: ['discord.31.message.created'],
      pool: world.pool,
      schema: world.schema,
      registry: contractRegistry(),
      maxWaitMs: 20,
      maxDeliver: 2,
      retryBackoffMs: 20,
      onError: () => undefined,
      onNotice: () => undefined,
      async handle(batch: Envelope[], tx: Tx) {
        if (batch.some(fails)) throw new Error('the guild has no such channel');
        await tx.query(
          `INSERT INTO ${world.schema}.applied (event_id, consumer) SELECT unnest($1::text[]), $2`,
          [batch.map((e) => e.id), name],
        );
      },
    });
    running.push(c);
    return c;
  }

  const applied = async (name: string) => {
    const { rows } = await world.pool.query(
      `SELECT event_id FROM ${world.schema}.applied WHERE consumer = $1 ORDER BY event_id`,
      [name],
    );
    return rows.map((r: { event_id: string }) => r.event_id);
  };

  it('lists the letter with its reason, replays it once fixed to the consumer that failed, and removes it', async () => {
    await consumer('healthy', () => false).start();
    await consumer('picky', (e) => e.id === 'bad' && !fixed).start();
    await new Publisher(world.nc, world.topology).publishMany(
      ['ok1', 'bad', 'ok2'].map((id) => ({
        subject: 'discord.31.message.created',
        envelope: messageCreated(id, '31'),
      })),
    );
    await eventually(
      () => applied('picky'),
      (ids) => ids.length >= 2,
    );
    expect(await applied('picky')).toEqual(['ok1', 'ok2']);

    const listed = await cli('list');
    expect(listed.code).toBe(0);
    const line = listed.out.split('\n').find((l) => l.includes('picky'));
    expect(line).toMatch(
      /^(\d+)\s+\S+\s+picky\s+discord\.31\.message\.created\s+handler failed 2 times: the guild has no such channel$/,
    );
    const id = line!.split(/\s+/)[0];
    const shown = await cli('show', id);
    expect(JSON.parse(shown.out)).toMatchObject({ consumer: 'picky', stream: 'DISCORD' });
    expect(JSON.parse(JSON.parse(shown.out).payload).id).toBe('bad');

    fixed = true;
    const replayed = await cli('replay', id);
    expect(replayed).toMatchObject({ code: 0, out: `${id}: replayed to discord.31.message.created\n` });
    await eventually(
      () => applied('picky'),
      (ids) => ids.length >= 3,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await applied('picky')).toEqual(['bad', 'ok1', 'ok2']);
    // The consumer that had applied it drops the replay by its envelope id.
    expect(await applied('healthy')).toEqual(['bad', 'ok1', 'ok2']);
    expect((await cli('list')).out).toBe('no dead letters\n');
  });

  it('names what is wrong with a command', async () => {
    expect(await cli('show', '999999')).toMatchObject({ code: 1, err: 'no dead letter 999999\n' });
    expect(await cli('replay', 'abc')).toMatchObject({ code: 2 });
    expect((await cli('replay', 'abc')).err).toMatch(/^replay needs dead letter ids/);
    expect((await cli('purge')).err).toMatch(/^unknown command "purge"/);
  });
});
