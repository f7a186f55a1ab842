import type { DataSource, QueryRunner } from 'typeorm';
import { assertSchemaName } from './schema-name';
import { openServiceDataSource, poolOf, type MigrationClass } from './service-data-source';

const LOCK = `SELECT pg_advisory_lock(hashtext('guildhall.migrations'), hashtext($1))`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtext('guildhall.migrations'), hashtext($1))`;

/**
 * Creates the DataSource's schema if missing and runs its pending migrations. Replicas starting
 * together serialise on an advisory lock keyed by the schema, so the second one finds nothing
 * left to run instead of failing on a duplicate object. Takes two of the pool's connections:
 * one holds the lock, TypeORM migrates on another.
 */
export async function migrateDataSource(dataSource: DataSource): Promise<void> {
  const schema = assertSchemaName((dataSource.options as { schema?: unknown }).schema);
  const lock = await poolOf(dataSource).connect();
  try {
    await lock.query(LOCK, [schema]);
    // Inside the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide in the catalog.
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations();
  } finally {
    // The session goes back to the pool, so the lock must not stay with it; a session that
    // cannot unlock is discarded, and ending it releases the lock.
    const unlocked = await lock.query(UNLOCK, [schema]).then(
      () => true,
      () => false,
    );
    lock.release(!unlocked);
  }
}

/** Migrates `schema` on a DataSource of its own (two connections), for tools and tests. */
export async function runMigrations(
  databaseUrl: string,
  schema: string,
  migrations: MigrationClass[],
): Promise<void> {
  assertSchemaName(schema);
  const dataSource = await openServiceDataSource({ databaseUrl, schema, migrations, poolSize: 2 });
  try {
    await migrateDataSource(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Inside a TypeORM migration: the schema this DataSource migrates. */
export function schemaOf(queryRunner: QueryRunner): string {
  const options = queryRunner.connection.options as { schema?: unknown };
  return assertSchemaName(options.schema);
}
