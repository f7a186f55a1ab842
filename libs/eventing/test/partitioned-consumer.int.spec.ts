import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { Pool } from 'pg';
import { event } from '@guildhall/contracts';
import { DATABASE_URL, NATS_URL } from '@guildhall/testing';
import { connectNats } from '../src/connect-nats';
import { Publisher } from '../src/publisher';
import { deleteStreams, ensureStreams } from '../src/streams';
import { eventingSchemaSql } from '../src/tables';
import { Topology } from '../src/topology';

jest.setTimeout(180_000);

const PARTITIONS = 8;
const GUILDS = 200;
const MEMBERS_PER_GUILD = 3;
const ROUNDS = 12;
const root = path.resolve(__dirname, '../../..');
const logDir = path.join(root, 'test-output', 'partitioned-consumer');

/**
 * Replicas of one partitioned consumer, each its own process on the shared Postgres and NATS,
 * applying a steady stream of 200 guilds' messages while one replica is killed with SIGKILL,
 * another joins and a third leaves with SIGTERM. Every message must be applied once, each
 * member's in the order it was said, and every partition must be held again within 10 s.
 */
describe('PartitionedConsumer across replica processes', () => {
  const id = `evp${randomBytes(4).toString('hex')}`;
  const topology = new Topology(id, PARTITIONS);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const replicas: ChildProcess[] = [];
  let nc: NatsConnection;

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    nc = await connectNats(NATS_URL, `partition-test-${id}`);
    await ensureStreams(nc, topology);
    await pool.query(`CREATE SCHEMA ${id}`);
    for (const sql of eventingSchemaSql(id)) await pool.query(sql);
    await pool.query(
      `CREATE TABLE ${id}.applied (n bigserial, event_id text NOT NULL, guild_id text NOT NULL,
         member text NOT NULL, seq int NOT NULL, replica int NOT NULL)`,
    );
  });

  afterAll(async () => {
    for (const r of replicas) if (r.exitCode === null && r.signalCode === null) r.kill('SIGKILL');
    await pool.query(`DROP SCHEMA IF EXISTS ${id} CASCADE`);
    await pool.end();
    await deleteStreams(nc, topology);
    await nc.close();
  });

  function startReplica(): ChildProcess {
    const n = replicas.length;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'libs/eventing/test/fixtures/partition-replica.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL,
          NATS_URL,
          REPLICA_SCHEMA: id,
          REPLICA_NAMESPACE: id,
          REPLICA_PARTITIONS: String(PARTITIONS),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const log = createWriteStream(path.join(logDir, `${id}-replica-${n}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    replicas.push(child);
    return child;
  }

  /** Replica pid → partitions whose lease it holds, as Postgres sees the locks. */
  async function leases(): Promise<Map<number, number>> {
    const { rows } = await pool.query<{ name: string; pid: number }>(
      `SELECT a.application_name AS name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock' AND l.classid = hashtext($1)::oid`,
      [`guildhall.lease.${id}`],
    );
    // The session's name starts with the member id, host:pid:random.
    const held = new Map<number, number>();
    for (const r of rows) {
      const pid = Number(r.name.split(' ')[0].split(':')[1]);
      held.set(pid, (held.get(pid) ?? 0) + 1);
    }
    return held;
  }

  async function allHeld(by: (held: Map<number, number>) => boolean, timeoutMs = 20_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const held = await leases();
      const total = [...held.values()].reduce((a, b) => a + b, 0);
      if (total === PARTITIONS && by(held)) return Date.now() - started;
      if (Date.now() - started > timeoutMs)
        throw new Error(`partitions not all held after ${timeoutMs} ms: ${JSON.stringify([...held])}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('applies every message once and in order while replicas die, join and leave', async () => {
    const publisher = new Publisher(nc, topology);
    const total = GUILDS * MEMBERS_PER_GUILD * ROUNDS;
    const say = (round: number) =>
      Promise.all(
        Array.from({ length: GUILDS * MEMBERS_PER_GUILD }, (_, i) => {
          const guildId = String(1000 + Math.floor(i / MEMBERS_PER_GUILD));
          const member = String(100_000 + i);
          const e = event('message.created', {
            id: `m-${member}-${round}`,
            guildId,
            occurredAt: new Date(Date.UTC(2026, 0, 1, 0, round)).toISOString(),
            source: 'test',
            data: { messageId: String(round + 1), channelId: '20', userId: member, roleIds: [], bot: false },
          });
          return publisher.publish(`discord.${guildId}.message.created`, e);
        }),
      );

    const [a, b] = [startReplica(), startReplica()];
    startReplica();
    await allHeld((held) => held.size === 3);

    let round = 0;
    for (; round < 3; round++) await say(round);
    const killedAt = Date.now();
    a.kill('SIGKILL');
    for (; round < 5; round++) await say(round);
    await allHeld((held) => held.size === 2 && !held.has(a.pid as number));
    const rebalanceAfterKill = Date.now() - killedAt;

    const d = startReplica();
    for (; round < 8; round++) await say(round);
    const joinedAt = Date.now();
    await allHeld((held) => held.size === 3 && held.has(d.pid as number));
    const rebalanceAfterJoin = Date.now() - joinedAt;

    const leftAt = Date.now();
    b.kill('SIGTERM');
    for (; round < ROUNDS; round++) await say(round);
    await allHeld((held) => held.size === 2 && !held.has(b.pid as number));
    const rebalanceAfterLeave = Date.now() - leftAt;

    const deadline = Date.now() + 60_000;
    let applied = 0;
    while (Date.now() < deadline) {
      applied = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${id}.applied`)).rows[0].n;
      if (applied >= total) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000)); // anything applied twice would land now

    const { rows: dupes } = await pool.query(
      `SELECT event_id, count(*)::int AS n FROM ${id}.applied GROUP BY event_id HAVING count(*) > 1 LIMIT 5`,
    );
    const { rows: outOfOrder } = await pool.query(
      `SELECT member, seq, prev FROM (
         SELECT member, seq, lag(seq) OVER (PARTITION BY member ORDER BY n) AS prev FROM ${id}.applied
       ) s WHERE prev IS NOT NULL AND seq <> prev + 1 LIMIT 5`,
    );
    const { rows: byReplica } = await pool.query<{ replica: number; n: number }>(
      `SELECT replica, count(*)::int AS n FROM ${id}.applied GROUP BY replica`,
    );
    process.stdout.write(
      `partitioned consumer, ${PARTITIONS} partitions, ${total} messages: ` +
        `rebalanced ${(rebalanceAfterKill / 1000).toFixed(1)} s after a SIGKILL, ` +
        `${(rebalanceAfterJoin / 1000).toFixed(1)} s after a join, ${(rebalanceAfterLeave / 1000).toFixed(1)} s after a SIGTERM; ` +
        `applied by replica: ${byReplica.map((r) => `${r.replica}=${r.n}`).join(' ')}\n`,
    );

    expect(dupes).toEqual([]);
    expect(outOfOrder).toEqual([]);
    expect(applied).toBe(total);
    // The replica that joined took a share, and the one killed had one before it died.
    expect(byReplica.find((r) => r.replica === d.pid)?.n ?? 0).toBeGreaterThan(0);
    expect(byReplica.find((r) => r.replica === a.pid)?.n ?? 0).toBeGreaterThan(0);
    expect(rebalanceAfterKill).toBeLessThan(10_000);
    expect(rebalanceAfterJoin).toBeLessThan(10_000);
    expect(rebalanceAfterLeave).toBeLessThan(10_000);
  });
});
