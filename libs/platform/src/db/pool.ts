import { Logger } from '@nestjs/common';
import { Pool, type PoolConfig } from 'pg';

const logger = new Logger('Postgres');

/** Connections of a service process's one pool (the kit's, i.e. its DataSource's). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * An idle client that loses its connection emits 'error' on the pool; unhandled, that would
 * kill the process, while the pool already replaces the client on the next query.
 */
export function logIdleClientError(err: Error): void {
  logger.warn(`idle client error: ${err.message}`);
}

/**
 * pg-pool removes its own listener while a client is checked out, so a backend ended in the
 * middle of a transaction (restart, failover, idle timeout) would emit 'error' with nobody
 * listening and kill the process. The transaction's next query fails instead, and the caller
 * releases the client as broken. A pool option rather than a 'connect' listener: TypeORM
 * connects the first client before it hands the pool out.
 */
export const guardedClients: Pick<PoolConfig, 'onConnect'> = {
  onConnect: (client) => {
    client.on('error', (err) => logger.warn(`connection lost: ${err.message}`));
  },
};

/** A pool without a DataSource, for tools and tests; a service's pool is its DataSource's. */
export function createPool(databaseUrl: string, max = DEFAULT_POOL_SIZE): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max, ...guardedClients });
  pool.on('error', logIdleClientError);
  return pool;
}
