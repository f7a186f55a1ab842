import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { assertSchemaName } from './schema-name';

/**
 * Creates the schema if missing and runs TypeORM migrations with the migrations table inside
 * it. Replicas starting together serialise on an advisory lock keyed by the schema, so the
 * second one finds nothing left to run instead of failing on a duplicate object.
 */
export async function runMigrations(
  databaseUrl: string,
  schema: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: Function[],
): Promise<void> {
  assertSchemaName(schema);
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('guildhall.migrations'), hashtext($1))`, [schema]);
    // Inside the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide in the catalog.
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      schema,
      migrationsTableName: 'migrations',
      migrations,
      entities: [],
      logging: ['error'],
      extra: { max: 2 },
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Ending the session releases the advisory lock even if the unlock query is never sent.
    await lock.end();
  }
}

/** Inside a TypeORM migration: the schema this DataSource migrates. */
export function schemaOf(queryRunner: QueryRunner): string {
  const options = queryRunner.connection.options as { schema?: unknown };
  return assertSchemaName(options.schema);
}
