import type { Tx } from '@guildhall/eventing';
import type { Pool } from 'pg';

/**
 * Runs `fn` inside BEGIN … COMMIT on one pooled client; any error rolls back and is rethrown.
 * A client whose ROLLBACK failed is discarded rather than handed to the next caller mid-transaction.
 */
export async function inTransaction<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw e;
  } finally {
    client.release(broken);
  }
}
