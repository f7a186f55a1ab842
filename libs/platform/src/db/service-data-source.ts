import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { DEFAULT_POOL_SIZE, guardedClients, logIdleClientError } from './pool';
import { assertSchemaName } from './schema-name';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
export type MigrationClass = Function;

export interface ServiceDataSourceOptions {
  databaseUrl: string;
  schema: string;
  migrations: MigrationClass[];
  poolSize?: number;
}

/**
 * A service's DataSource: its schema, its migrations (recorded in `<schema>.migrations`) and the
 * settings of the process's one pg pool, which TypeORM creates and raw SQL shares (`poolOf`).
 * Never `synchronize`: the schema changes only through migrations.
 */
export function serviceDataSourceOptions(opts: ServiceDataSourceOptions): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: opts.databaseUrl,
    schema: assertSchemaName(opts.schema),
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    entities: [],
    logging: ['error'],
    poolSize: opts.poolSize ?? DEFAULT_POOL_SIZE,
    poolErrorHandler: logIdleClientError,
    extra: guardedClients,
  };
}

/** Connects the DataSource, which opens its pool; migrations are `migrateDataSource`'s job. */
export async function openServiceDataSource(opts: ServiceDataSourceOptions): Promise<DataSource> {
  return new DataSource(serviceDataSourceOptions(opts)).initialize();
}

/** The pg Pool TypeORM's postgres driver keeps (`driver.master`): the one raw SQL runs on. */
export function poolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  if (!dataSource.isInitialized || pool === undefined)
    throw new Error('the DataSource has no pool: initialize it first (or it was destroyed)');
  return pool;
}
