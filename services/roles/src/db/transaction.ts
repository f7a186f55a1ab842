import type { Tx } from '@guildhall/eventing';
import type { Pool } from 'pg';

/** Runs `fn` inside BEGIN … COMMIT on one pooled client; any error rolls back and is rethrown. */
export async function inTransaction<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
