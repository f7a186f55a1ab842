import type { Pool } from 'pg';
import { Outbox } from '@guildhall/eventing';
import { FactStore } from '../events/fact-store';
import { Projections } from '../projections/projections';
import { qualify } from '../projections/queryable';

export interface RebuildReport {
  facts: number;
}

/**
 * Empties every read model and folds onboarding_events back into them, in ONE transaction:
 * readers see the old projections until the commit. New facts wait on the table lock, so the
 * live service cannot interleave with the replay. Nothing is re-published: history is
 * restated, not relived.
 */
export async function rebuildProjections(
  pool: Pool,
  schema: string,
  onProgress?: (done: number, total: number) => void,
): Promise<RebuildReport> {
  const projections = new Projections(schema);
  // Facts are only read and folded here, never appended, so nothing reaches the outbox.
  const store = new FactStore(schema, projections, new Outbox(schema));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${qualify(schema, 'onboarding_events')} IN SHARE ROW EXCLUSIVE MODE`);
    const total = await store.count(client);
    await projections.truncate(client);
    let done = 0;
    onProgress?.(0, total);
    for await (const page of store.all(client)) {
      for (const fact of page) await projections.apply(client, fact);
      done += page.length;
      onProgress?.(done, total);
    }
    await client.query('COMMIT');
    return { facts: done };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
