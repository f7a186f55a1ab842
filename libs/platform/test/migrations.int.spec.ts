import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runMigrations, schemaOf } from '../src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

class CreateWidgets1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "${schemaOf(q)}".widgets (id bigint PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${schemaOf(q)}".widgets`);
  }
}

class AddWidgetColour1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".widgets ADD COLUMN colour text`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".widgets DROP COLUMN colour`);
  }
}

const MIGRATIONS = [CreateWidgets1700000000001, AddWidgetColour1700000000002];

describe('runMigrations', () => {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const schemas: string[] = [];
  const freshSchema = (): string => {
    const schema = `platform_mig_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return schema;
  };

  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('creates the schema, its tables and the migrations table inside that schema', async () => {
    const schema = freshSchema();
    await runMigrations(DATABASE_URL, schema, MIGRATIONS);
    const tables = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(['migrations', 'widgets']);
    const applied = await pool.query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
    expect(applied.rows.map((r) => r.name)).toEqual([
      'CreateWidgets1700000000001',
      'AddWidgetColour1700000000002',
    ]);
  });

  it('is idempotent: running again applies nothing', async () => {
    const schema = freshSchema();
    await runMigrations(DATABASE_URL, schema, MIGRATIONS);
    await runMigrations(DATABASE_URL, schema, MIGRATIONS);
    const applied = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".migrations`);
    expect(applied.rows[0].n).toBe(2);
  });

  it('applies only the new migrations of a later release', async () => {
    const schema = freshSchema();
    await runMigrations(DATABASE_URL, schema, [CreateWidgets1700000000001]);
    await runMigrations(DATABASE_URL, schema, MIGRATIONS);
    const columns = await pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'widgets' ORDER BY column_name`,
      [schema],
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual(['colour', 'id', 'name']);
  });

  it('lets two replicas migrate the same new schema at once', async () => {
    const schema = freshSchema();
    await Promise.all([
      runMigrations(DATABASE_URL, schema, MIGRATIONS),
      runMigrations(DATABASE_URL, schema, MIGRATIONS),
      runMigrations(DATABASE_URL, schema, MIGRATIONS),
    ]);
    const applied = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".migrations`);
    expect(applied.rows[0].n).toBe(2);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(runMigrations(DATABASE_URL, 'bad"; DROP SCHEMA public; --', MIGRATIONS)).rejects.toThrow(
      /must match/,
    );
  });
});
