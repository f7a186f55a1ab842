import 'reflect-metadata';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { connect } from '@nats-io/transport-node';
import { deleteStreams, eventingSchemaSql, Topology } from '@guildhall/eventing';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { baseConfig, PlatformModule, poolOf, schemaOf, ServiceKit, startHttp } from '../src';

class Init1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const schema = schemaOf(q);
    for (const sql of eventingSchemaSql(schema)) await q.query(sql);
    await q.query(`CREATE TABLE "${schema}".notes (id int PRIMARY KEY, body text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}".notes`);
  }
}

@Injectable()
class Notes {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  count(schema: string): Promise<{ n: number }[]> {
    return this.dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".notes`);
  }
}

describe("a service's DataSource", () => {
  const suffix = randomBytes(4).toString('hex');
  const config = baseConfig('platform-ds-test', 0, {
    NODE_ENV: 'test',
    DB_SCHEMA: `platform_ds_${suffix}`,
    EVENT_NAMESPACE: `t${suffix}`,
  });
  const admin = new Pool({ connectionString: config.databaseUrl, max: 1 });
  let kit: ServiceKit;
  let app: INestApplication;

  beforeAll(async () => {
    kit = await ServiceKit.start({ config, migrations: [Init1700000000002] });
    @Module({ imports: [PlatformModule.forKit(kit)], providers: [Notes] })
    class NotesModule {}
    app = await startHttp(NotesModule, kit);
  });

  afterAll(async () => {
    await app.close().catch(() => undefined);
    const nc = await connect({ servers: config.natsUrl });
    await deleteStreams(nc, new Topology(config.eventNamespace));
    await nc.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
    await admin.end();
  });

  it('is injected with @InjectDataSource(): the one the kit migrated, on the pool raw SQL uses', async () => {
    const { dataSource } = app.get(Notes);
    expect(dataSource).toBe(kit.dataSource);
    expect(poolOf(dataSource)).toBe(kit.pool);
    expect(dataSource.options).toMatchObject({
      schema: config.schema,
      migrationsTableName: 'migrations',
      poolSize: 10,
    });
    expect(await dataSource.showMigrations()).toBe(false);
    const applied = await admin.query(`SELECT name FROM "${config.schema}".migrations`);
    expect(applied.rows.map((r) => r.name)).toEqual(['Init1700000000002']);
    await kit.pool.query(`INSERT INTO "${config.schema}".notes VALUES (1, 'raw')`);
    expect(await app.get(Notes).count(config.schema)).toEqual([{ n: 1 }]);
  });

  it('closing the app stops the kit through the pool before the DataSource and its pool close', async () => {
    // TypeORM's module would destroy the DataSource on shutdown; were it first, draining the
    // outbox would fail on an ended pool and close() would reject.
    await expect(app.close()).resolves.toBeUndefined();
    expect(kit.dataSource.isInitialized).toBe(false);
    await expect(kit.pool.query('SELECT 1')).rejects.toThrow(/pool/);
  });
});
