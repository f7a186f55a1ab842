import type { Client } from 'pg';
import { waitUntil } from './processes';

/**
 * How many of a service's consumer leases each process holds, as Postgres sees the advisory
 * locks (the key space `guildhall.lease.<schema>`, see libs/eventing's consumer-lease.ts). A
 * partitioned lease session's application_name is `host:pid:random`.
 */
async function leasesByPid(db: Client, schema: string): Promise<Map<number, number>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock' AND l.classid = hashtext($1)::oid`,
    [`guildhall.lease.${schema}`],
  );
  const held = new Map<number, number>();
  for (const { name } of rows) {
    const pid = Number(/:(\d+)(?::|\s|$)/.exec(name)?.[1]);
    if (Number.isFinite(pid)) held.set(pid, (held.get(pid) ?? 0) + 1);
  }
  return held;
}

/**
 * Waits until all `expected` leases are held and every one of `pids` holds some: the replicas
 * have agreed on their shares, so what is timed next is applying, not a hand-over.
 */
export async function waitForShares(
  db: Client,
  schema: string,
  pids: number[],
  expected: number,
  timeoutMs = 60_000,
): Promise<Map<number, number>> {
  return waitUntil(
    `${expected} leases of ${schema} shared by ${pids.length} replicas`,
    async () => {
      const held = await leasesByPid(db, schema);
      const total = [...held.values()].reduce((a, b) => a + b, 0);
      return total === expected && pids.every((p) => (held.get(p) ?? 0) > 0) && held;
    },
    timeoutMs,
  );
}
