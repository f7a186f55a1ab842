import { Logger } from '@nestjs/common';
import { Pool } from 'pg';

const logger = new Logger('Postgres');

/** One pool per process. */
export function createPool(databaseUrl: string, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max });
  // An idle client that loses its connection emits 'error' on the pool; unhandled, that
  // would kill the process, while the pool already replaces the client on the next query.
  pool.on('error', (err) => logger.warn(`idle client error: ${err.message}`));
  return pool;
}
