import { ChildProcess, spawn } from 'node:child_process';
import { Client } from 'pg';
import { DATABASE_URL } from '@guildhall/testing';
import { messageCreated, MessageSpec, T0, waitFor, XpTestEnv } from './xp-test-env';

jest.setTimeout(180_000);

const GUILD = '140000000000000001';
const user = (i: number) => String(430000000000000000n + BigInt(i));
const MEMBERS = 200;
const PER_MEMBER = 60;

/** The real service as a child process, exactly as `npm start` runs it. */
function startChild(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/xp/src/main.ts'], {
    cwd: `${__dirname}/../../..`,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => undefined);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('xp service: killed with SIGKILL mid-stream', () => {
  const t = new XpTestEnv();
  let child: ChildProcess | undefined;

  beforeAll(() => t.setup());
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await t.cleanup();
  });

  it('restarts and ends with exact totals: nothing lost, nothing counted twice', async () => {
    // Member i writes every (10 + i % 70) s; expected XP computed independently of the domain.
    const specs: MessageSpec[] = [];
    const expected = new Map<string, { xp: number; messages: number }>();
    for (let i = 0; i < MEMBERS; i++) {
      const gap = (10 + (i % 70)) * 1000;
      let last: number | null = null;
      let xp = 0;
      for (let k = 0; k < PER_MEMBER; k++) {
        const at = T0 + k * gap;
        specs.push({ guildId: GUILD, userId: user(i), at });
        if (last === null || at >= last + 60_000) {
          xp += 10;
          last = at;
        }
      }
      expected.set(user(i), { xp, messages: PER_MEMBER });
    }
    specs.sort((a, b) => a.at - b.at);
    const total = specs.length;

    // Small batches so the stream takes long enough to be interrupted.
    const env = t.env({ XP_BATCH_SIZE: '50' });
    child = startChild(env);
    await waitFor(
      'the service to create its consumer',
      async () =>
        (await t.applied('xp-messages')) >= 0 && child!.exitCode === null && (await consumerExists()),
      60_000,
    );
    // The kill point is chosen by the test, not by the machine's speed: after some progress, a
    // lock on xp's projection holds its next transaction open, and xp is killed inside it. Half
    // the stream is published only while xp is dead, so it cannot have applied everything.
    const half = Math.floor(total / 2);
    await t.publishMessages(specs.slice(0, half).map(messageCreated));
    await waitFor('some progress', async () => (await t.applied('xp-messages')) >= 500, 60_000);
    const lock = new Client({ connectionString: DATABASE_URL });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query(`LOCK TABLE "${t.schema}".member_xp IN ACCESS EXCLUSIVE MODE`);
    const applied = await t.applied('xp-messages');
    if (applied < half) await waitFor('xp to block inside a transaction', () => xpWaitsOnLock(lock), 60_000);
    child.kill('SIGKILL');
    await exited(child);
    await lock.query('ROLLBACK');
    await lock.end();
    const appliedAtKill = await t.applied('xp-messages');
    expect(appliedAtKill).toBeLessThanOrEqual(half);
    await t.publishMessages(specs.slice(half).map(messageCreated));

    child = startChild(env);
    await waitFor('all messages applied', async () => (await t.applied('xp-messages')) >= total, 120_000);
    // Give any redelivery of the batch in flight at the kill time to arrive and be dropped.
    await new Promise((r) => setTimeout(r, 1000));

    const { rows } = await t.db.query(
      `SELECT user_id, xp::int, messages FROM "${t.schema}".member_xp WHERE guild_id = $1`,
      [GUILD],
    );
    expect(rows).toHaveLength(MEMBERS);
    for (const r of rows) expect({ xp: r.xp, messages: r.messages }).toEqual(expected.get(r.user_id));
    const ledger = await t.db.query(`SELECT count(*)::int AS n FROM "${t.schema}".xp_events`);
    expect(ledger.rows[0].n).toBe(total);
  });

  /** Whether a backend other than the lock holder waits for the lock on member_xp. */
  async function xpWaitsOnLock(lock: Client): Promise<boolean> {
    const { rows } = await lock.query(
      `SELECT 1 FROM pg_locks l WHERE NOT l.granted AND l.relation = $1::regclass AND l.pid <> pg_backend_pid()`,
      [`"${t.schema}".member_xp`],
    );
    return rows.length > 0;
  }

  async function consumerExists(): Promise<boolean> {
    const { rows } = await t.db
      .query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'inbox'`, [
        t.schema,
      ])
      .catch(() => ({ rows: [] }));
    if (rows.length === 0) return false;
    try {
      const jsm = await import('@nats-io/jetstream').then((m) => m.jetstreamManager(t.nc));
      await jsm.consumers.info(t.topology.stream('DISCORD'), 'xp-messages');
      return true;
    } catch {
      return false;
    }
  }
});
