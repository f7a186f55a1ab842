import type { Tx } from '@guildhall/eventing';
import type { WindowCount } from '@guildhall/platform';

/**
 * Members' own requests (web and /roles; not rewards or enforcement) made within `windowSeconds`
 * before `at`, by one member or (userId null) by the whole guild. Counted in Postgres, so every
 * replica sees the same number; role_requests_member and role_requests_recent keep it a short
 * index range.
 */
export async function recentRequests(
  tx: Tx,
  s: string,
  guildId: string,
  userId: string | null,
  at: number,
  windowSeconds: number,
): Promise<WindowCount> {
  const { rows } = await tx.query(
    `SELECT count(*)::int AS n, extract(epoch FROM min(created_at)) * 1000 AS oldest
     FROM ${s}.role_requests
     WHERE guild_id = $1 AND ($2::text IS NULL OR user_id = $2) AND origin IN ('web', 'discord')
       AND created_at > $3::timestamptz - make_interval(secs => $4) AND created_at <= $3::timestamptz`,
    [guildId, userId, new Date(at).toISOString(), windowSeconds],
  );
  return { count: rows[0].n, oldestAt: rows[0].oldest === null ? null : Number(rows[0].oldest) };
}

/** Whether a request with this id was already recorded: its retry gets the first answer, not a 429. */
export async function requestRecorded(tx: Tx, s: string, requestId: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM ${s}.role_requests WHERE request_id = $1`, [requestId]);
  return rows.length > 0;
}
