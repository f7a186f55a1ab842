import type { Pool } from 'pg';

/**
 * Which process holds how many of a service's consumer leases (one per partition of each
 * consumer, or one per consumer unpartitioned), as Postgres sees the advisory locks. A lease
 * session's application_name starts with `host:pid:…` (partitioned) or reads `guildhall <feed>
 * host:pid` (one feed): the pid is what a test knows its processes by.
 */
export async function leaseHolders(db: Pool, schema: string): Promise<Map<number, number>> {
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

/** Waits until `expected` leases are held and `ok` holds of who holds them; resolves with the time it took. */
export async function leasesSettle(
  db: Pool,
  schema: string,
  expected: number,
  ok: (held: Map<number, number>) => boolean,
  timeoutMs = 30_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const held = await leaseHolders(db, schema).catch(() => new Map<number, number>());
    const total = [...held.values()].reduce((a, b) => a + b, 0);
    if (total === expected && ok(held)) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `${schema}: ${total} of ${expected} leases held after ${timeoutMs} ms (${JSON.stringify([...held])})`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
