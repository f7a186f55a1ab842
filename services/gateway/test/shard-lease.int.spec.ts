import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@guildhall/platform';
import { DATABASE_URL, waitFor } from '@guildhall/testing';
import { Client } from 'pg';
import { ShardLease } from '../src/discord/shard-lease';
import { ShardSessions, type ReadyIdentity } from '../src/discord/shard-sessions';
import { gatewayMigrations } from '../src/migrations';

/**
 * Gateway processes over one schema, each a ShardLease of its own (its own connection, as in
 * separate processes): one process per shard at a time, a successor as soon as the holder is
 * gone, and a shard's stored session written only by the process that runs it.
 */
const schema = `gateway_lease_${randomBytes(4).toString('hex')}`;
let db: Client;
const leases: ShardLease[] = [];
const identity: ReadyIdentity = {
  user: { id: '1', username: 'bot', discriminator: '0', global_name: null, avatar: null, bot: true },
  application: { id: '1', flags: 0 },
};
const session = (shardId: number, sessionId: string, sequence: number) => ({
  shardId,
  shardCount: 4,
  sessionId,
  sequence,
  resumeURL: 'ws://127.0.0.1/gateway',
});

function processLease(lost: Error[] = [], waiting: string[] = [], regained: number[][] = []): ShardLease {
  const lease = new ShardLease(
    { connectionString: DATABASE_URL },
    schema,
    {
      lost: (e) => lost.push(e),
      waiting: (_shard, holder) => waiting.push(holder ?? '?'),
      regained: (shards) => regained.push(shards),
    },
    { pollMs: 100 },
  );
  leases.push(lease);
  return lease;
}

/** What SIGKILL of its process does to a holder's connection, seen from Postgres. */
async function killConnectionOf(lease: ShardLease): Promise<void> {
  const { rows } = await lease.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await db.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
}

const storedSequence = async (shardId: number) =>
  (
    await db.query<{ sequence: string }>(
      `SELECT sequence FROM "${schema}".shard_sessions WHERE shard_id = $1`,
      [shardId],
    )
  ).rows[0]?.sequence;

beforeAll(async () => {
  await runMigrations(DATABASE_URL, schema, gatewayMigrations);
  db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await Promise.all(leases.map((l) => l.release()));
  await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db?.end();
});

describe('shard leases', () => {
  it('a second process asking for a shard waits while the first runs it, and takes it when the first stops', async () => {
    const first = processLease();
    await first.acquire([0, 1]);
    const waiting: string[] = [];
    const second = processLease([], waiting);
    let taken = false;
    const taking = second.acquire([1]).then(() => (taken = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(taken).toBe(false);
    expect(waiting).toEqual([expect.stringContaining(`guildhall shards ${schema}`)]);

    await first.release();
    await taking;
    expect(second.shards).toEqual([1]);
    await second.release();
  });

  it('a holder that dies frees its shards at once: the waiting process takes them, the dead one learns it lost them', async () => {
    const lost: Error[] = [];
    const holder = processLease(lost);
    await holder.acquire([2]);
    const successor = processLease();
    const taking = successor.acquire([2]);
    const killedAt = Date.now();
    await killConnectionOf(holder);
    await taking;
    expect(Date.now() - killedAt).toBeLessThan(2000);
    expect(successor.shards).toEqual([2]);
    await waitFor('the dead holder to notice', async () => lost.length > 0);
    expect(holder.shards).toEqual([]);
    await successor.release();
  });

  it('a holder whose connection drops with nobody waiting (a Postgres restart) takes its shards back and runs on', async () => {
    const lost: Error[] = [];
    const regained: number[][] = [];
    const holder = processLease(lost, [], regained);
    await holder.acquire([4, 5]);
    await killConnectionOf(holder);
    await waitFor('the holder to take its shards back', async () => regained.length > 0);
    expect(regained).toEqual([[4, 5]]);
    expect(holder.shards).toEqual([4, 5]);
    expect(lost).toEqual([]);
    // Held for real: another process asking now waits.
    const other = processLease();
    let taken = false;
    const asking = other.acquire([4]).then(() => (taken = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(taken).toBe(false);
    await holder.release();
    await asking;
    await other.release();
  });

  it('a process that lost its shard cannot overwrite the session stored by the one now running it', async () => {
    const old = processLease();
    await old.acquire([3]);
    const oldSessions = new ShardSessions(old, schema);
    oldSessions.update(3, session(3, 'a', 10));
    oldSessions.ready(identity);
    await oldSessions.persist();
    await killConnectionOf(old);

    const successor = processLease();
    await successor.acquire([3]);
    const sessions = new ShardSessions(successor, schema);
    expect(await sessions.load([3])).toBe(1);
    expect(sessions.retrieve(3)).toMatchObject({ sessionId: 'a', sequence: 10 });
    sessions.markPublished(3, 'a', 40);
    await sessions.persist();

    // The old process has not noticed yet and still thinks it runs the shard.
    oldSessions.markPublished(3, 'a', 20);
    await expect(oldSessions.persist()).rejects.toThrow();
    expect(await storedSequence(3)).toBe('40');
    await successor.release();
  });

  it('a process reads and writes only the sessions of the shards it runs', async () => {
    const other = processLease();
    await other.acquire([0]);
    const otherSessions = new ShardSessions(other, schema);
    otherSessions.update(0, session(0, 'zero', 5));
    otherSessions.ready(identity);
    await otherSessions.persist();

    const mine = processLease();
    await mine.acquire([1]);
    const sessions = new ShardSessions(mine, schema);
    expect(await sessions.load([1])).toBe(0);
    expect(sessions.retrieve(0)).toBeNull();
    sessions.update(1, session(1, 'one', 1));
    sessions.ready(identity);
    await sessions.persist();
    otherSessions.markPublished(0, 'zero', 9);
    await otherSessions.persist();

    expect(await storedSequence(0)).toBe('9');
    expect(await storedSequence(1)).toBe('1');
  });
});
