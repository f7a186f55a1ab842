import 'reflect-metadata';
import { connect } from '@nats-io/transport-node';
import { envelope, type Envelope } from '@guildhall/contracts';
import { deleteStreams, eventingSchemaSql, Topology } from '@guildhall/eventing';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Module } from '@nestjs/common';
import {
  baseConfig,
  httpUrl,
  PlatformModule,
  schemaOf,
  ServiceKit,
  startHttp,
  type HealthReport,
  type SpineReport,
} from '../src';

const GUILD = '100000000000000001';
const USER = '200000000000000001';

class Init1700000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    for (const sql of eventingSchemaSql(schema)) await q.query(sql);
    await q.query(
      `CREATE TABLE "${schema}".welcomed (user_id text PRIMARY KEY, joined_at timestamptz NOT NULL)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}".welcomed`);
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ServiceKit', () => {
  const suffix = randomBytes(4).toString('hex');
  const config = baseConfig('platform-kit-test', 0, {
    NODE_ENV: 'test',
    DB_SCHEMA: `platform_kit_${suffix}`,
    EVENT_NAMESPACE: `t${suffix}`,
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  const kits: ServiceKit[] = [];
  const startKit = async (): Promise<ServiceKit> => {
    const kit = await ServiceKit.start({ config, migrations: [Init1700000000000] });
    kits.push(kit);
    return kit;
  };

  afterAll(async () => {
    for (const kit of kits) await kit.stop();
    const nc = await connect({ servers: config.natsUrl });
    await deleteStreams(nc, new Topology(config.eventNamespace));
    await nc.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
    await pool.end();
  });

  it('consumes a published event, relays what the handler wrote to the outbox, and stops cleanly', async () => {
    const k = await startKit();
    const committed: string[] = [];
    const awarded: Envelope[] = [];

    await k.consume({
      name: 'welcomer',
      stream: 'DISCORD',
      filterSubjects: ['discord.*.member.joined'],
      async handle(batch, tx) {
        for (const e of batch) {
          if (e.type !== 'member.joined') continue;
          const data = e.data;
          await tx.query(`INSERT INTO "${k.config.schema}".welcomed (user_id, joined_at) VALUES ($1, $2)`, [
            data.userId,
            data.joinedAt,
          ]);
          await k.outbox.add(tx, [
            {
              subject: `xp.${e.guildId}.awarded`,
              envelope: envelope({
                id: `welcome-bonus:${e.id}`,
                type: 'xp.awarded',
                guildId: e.guildId,
                occurredAt: e.occurredAt,
                source: 'platform-kit-test',
                causationId: e.id,
                data: { userId: data.userId, amount: 50, totalXp: 50, level: 0 },
              }),
            },
          ]);
        }
      },
      afterCommit: (batch) => committed.push(...batch.map((e) => e.id)),
    });
    await k.consume({
      name: 'xp-watcher',
      stream: 'DOMAIN',
      filterSubjects: ['xp.*.awarded'],
      async handle(batch) {
        awarded.push(...batch);
      },
    });

    const joinedAt = '2025-01-02T03:04:05.000Z';
    const joined = envelope({
      id: `${GUILD}:${USER}:${joinedAt}`,
      type: 'member.joined',
      guildId: GUILD,
      occurredAt: joinedAt,
      source: 'gateway',
      data: { userId: USER, username: 'alice', bot: false, roleIds: [], joinedAt },
    });
    await k.publisher.publish(`discord.${GUILD}.member.joined`, joined);

    await eventually(async () => (committed.length > 0 ? true : undefined));
    expect(committed).toEqual([joined.id]);
    const rows = await pool.query(`SELECT user_id FROM "${config.schema}".welcomed`);
    expect(rows.rows).toEqual([{ user_id: USER }]);

    // The relay was woken after the commit, so the domain event reaches the stream without waiting a poll.
    await eventually(async () => (awarded.length > 0 ? true : undefined));
    expect(awarded.map((e) => [e.id, e.causationId])).toEqual([[`welcome-bonus:${joined.id}`, joined.id]]);
    const pending = await pool.query(
      `SELECT count(*)::int AS n FROM "${config.schema}".outbox WHERE sent_at IS NULL`,
    );
    expect(pending.rows[0].n).toBe(0);

    await k.stop();
    await k.stop();
    expect(k.nc.isClosed()).toBe(true);
    expect(k.pool.ended).toBe(true);
    await expect(
      k.consume({ name: 'late', stream: 'DISCORD', filterSubjects: ['discord.>'], handle: async () => {} }),
    ).rejects.toThrow(/is stopping/);
  });

  it('serves /health for a started kit, and closing the app stops the kit', async () => {
    const kit = await startKit();
    @Module({ imports: [PlatformModule.forKit(kit)] })
    class KitAppModule {}
    const app = await startHttp(KitAppModule, kit);
    const res = await fetch(`${httpUrl(app)}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'platform-kit-test' });
    await app.close();
    expect(kit.nc.isClosed()).toBe(true);
    expect(kit.pool.ended).toBe(true);
  });

  it('reports a lagging consumer on /health (degraded, still 200, with the reason) and /metrics until it caught up', async () => {
    const kit = await ServiceKit.start({
      config: { ...config, health: { maxConsumerLagSeconds: 1, maxOutboxAgeSeconds: 30 } },
      migrations: [Init1700000000000],
    });
    kits.push(kit);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await kit.consume({
      name: 'slow',
      stream: 'DISCORD',
      filterSubjects: ['discord.*.member.left'],
      handle: () => gate,
    });
    @Module({ imports: [PlatformModule.forKit(kit)] })
    class SpineAppModule {}
    const app = await startHttp(SpineAppModule, kit);
    try {
      const left = envelope({
        id: `left-${suffix}`,
        type: 'member.left',
        guildId: GUILD,
        occurredAt: new Date(),
        source: 'gateway',
        data: { userId: USER },
      });
      await kit.publisher.publish(`discord.${GUILD}.member.left`, left);
      await new Promise((r) => setTimeout(r, 1600));
      const res = await fetch(`${httpUrl(app)}/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as HealthReport & { spine: SpineReport };
      expect(body.status).toBe('degraded');
      expect(body.spine.consumers).toEqual([
        { name: 'slow', state: 'active', pendingMessages: 1, lagSeconds: expect.any(Number) },
      ]);
      expect(body.spine.consumers[0].lagSeconds).toBeGreaterThanOrEqual(1.5);
      expect(body.problems).toEqual([
        expect.stringMatching(/^consumer slow is [\d.]+ s behind \(1 messages\)$/),
      ]);
      expect(body.spine.outbox).toEqual({ pending: 0, oldestPendingSeconds: 0, dead: 0 });
      const exported = await (await fetch(`${httpUrl(app)}/metrics`)).text();
      expect(exported).toMatch(/guildhall_consumer_pending_messages\{[^}]*consumer="slow"[^}]*\} 1/);
      expect(exported).toMatch(/guildhall_consumer_active\{[^}]*consumer="slow"[^}]*\} 1/);

      release();
      const healthy = await eventually(async () => {
        const b = (await (await fetch(`${httpUrl(app)}/health`)).json()) as HealthReport & {
          spine: SpineReport;
        };
        return b.status === 'ok' ? b : undefined;
      });
      expect(healthy.spine.consumers[0]).toMatchObject({ pendingMessages: 0, lagSeconds: 0 });
    } finally {
      release();
      await app.close();
    }
  });
});
