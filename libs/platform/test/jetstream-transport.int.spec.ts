import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Controller, Module, type INestApplication } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { envelope, type AnyEnvelope } from '@guildhall/contracts';
import { deleteStreams, eventingSchemaSql, type DeadLetter } from '@guildhall/eventing';
import type { Subscription } from '@nats-io/nats-core';
import { Pool } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  baseConfig,
  BatchContext,
  OnBatch,
  PlatformModule,
  schemaOf,
  ServiceKit,
  startConsumers,
  startHttp,
} from '../src';

const GUILD = '100000000000000001';
const POISON = '200000000000000099';

class Init1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    for (const sql of eventingSchemaSql(schema)) await q.query(sql);
    await q.query(`CREATE TABLE "${schema}".welcomed (user_id text PRIMARY KEY, batch_size int NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}".welcomed`);
  }
}

let failOnce = true;

/** A service's events controller as the services write them. */
@Controller()
class WelcomeEvents {
  @OnBatch('welcome', (settings: { batchSize: number }) => ({
    stream: 'DISCORD',
    filterSubjects: ['discord.*.member.joined'],
    batchSize: settings.batchSize,
    maxWaitMs: 20,
    maxDeliver: 3,
    retryBackoffMs: 50,
  }))
  async onJoined(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    if (failOnce) {
      failOnce = false;
      // What pg throws when Postgres restarts under a transaction: to be retried, never buried.
      throw Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
    }
    for (const e of batch) {
      if (e.type !== 'member.joined') continue;
      const { userId } = e.data;
      if (userId === POISON) throw new Error(`cannot welcome ${userId}: no such greeting`);
      await ctx.tx.query(`INSERT INTO "${schema}".welcomed VALUES ($1, $2)`, [userId, batch.length]);
    }
  }
}

const suffix = randomBytes(4).toString('hex');
const schema = `platform_transport_${suffix}`;

describe('JetStream as a NestJS transport', () => {
  const config = baseConfig('platform-transport-test', 0, {
    NODE_ENV: 'test',
    DB_SCHEMA: schema,
    EVENT_NAMESPACE: `tt${suffix}`,
  });
  let kit: ServiceKit;
  let app: INestApplication | undefined;
  let dead: Subscription;
  const letters: DeadLetter[] = [];

  beforeAll(async () => {
    kit = await ServiceKit.start({ config, migrations: [Init1700000000001] });
    dead = kit.nc.subscribe(kit.topology.subject('dead.>'), {
      callback: (_e, m) => void letters.push(m.json<DeadLetter>()),
    });
  });

  afterAll(async () => {
    dead?.unsubscribe();
    await deleteStreams(kit.nc, kit.topology).catch(() => undefined);
    // Closing the app stops its HTTP server and the kit with it.
    await app?.close();
    await kit.stop();
    const pool = new Pool({ connectionString: config.databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('runs an @OnBatch handler as a durable consumer: a transient error is retried, a poison event goes to DEAD with the handler’s reason, the rest is applied', async () => {
    @Module({ imports: [PlatformModule.forKit(kit)], controllers: [WelcomeEvents] })
    class WelcomeModule {}
    app = await startHttp(WelcomeModule, kit);
    await startConsumers(app, kit, { settings: { batchSize: 2 } });
    const users = ['200000000000000001', '200000000000000002', POISON, '200000000000000003'];
    for (const userId of users)
      await kit.publisher.publish(
        `discord.${GUILD}.member.joined`,
        envelope({
          id: `joined-${userId}-${suffix}`,
          type: 'member.joined',
          guildId: GUILD,
          occurredAt: new Date(),
          source: 'gateway',
          data: { userId, username: 'u', bot: false, roleIds: [], joinedAt: new Date().toISOString() },
        }),
      );
    const deadline = Date.now() + 20_000;
    let rows: { user_id: string; batch_size: number }[] = [];
    while (Date.now() < deadline) {
      rows = (await kit.pool.query(`SELECT user_id, batch_size FROM "${schema}".welcomed ORDER BY user_id`))
        .rows;
      if (rows.length === 3 && letters.length === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.map((r) => r.user_id)).toEqual(users.filter((u) => u !== POISON));
    // The batch size came from the settings given at start: no batch held more than two.
    expect(Math.max(...rows.map((r) => r.batch_size))).toBeLessThanOrEqual(2);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ consumer: 'welcome', subject: `discord.${GUILD}.member.joined` });
    expect(letters[0].reason).toContain(`cannot welcome ${POISON}: no such greeting`);
  });
});
