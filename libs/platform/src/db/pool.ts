import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

const logger = new Logger('Postgres');

/** One pool per process. */
export function createPool(databaseUrl: string, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, that
  // would kill the process, while the pool already replaces the client on the next query.
  pool.on('error', (err) => logger.warn(`idle client error: ${err.message}`));
  // pg-pool removes its own listener while a client is checked out, so a backend ended in the
  // middle of a transaction (restart, failover, idle timeout) would emit 'error' with nobody
  // listening and kill the process. The transaction's next query fails instead, and the caller
  // releases the client as broken.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn(`connection lost: ${err.message}`));
  });
  return pool;
}
