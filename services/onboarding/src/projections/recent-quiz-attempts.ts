import type { WindowCount } from '@guildhall/platform';
import { qualify, type Queryable } from './queryable';

/**
 * Quiz attempts recorded within `windowSeconds` before `at`, by one member or (userId null) by
 * the whole guild: a short range of the onboarding_events_quiz_* partial indexes.
 */
export async function recentQuizAttempts(
  db: Queryable,
  schema: string,
  guildId: string,
  userId: string | null,
  at: number,
  windowSeconds: number,
): Promise<WindowCount> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, extract(epoch FROM min(occurred_at)) * 1000 AS oldest
     FROM ${qualify(schema, 'onboarding_events')}
     WHERE type = 'quiz.attempted' AND guild_id = $1 AND ($2::text IS NULL OR user_id = $2)
       AND occurred_at > $3::timestamptz - make_interval(secs => $4) AND occurred_at <= $3::timestamptz`,
    [guildId, userId, new Date(at).toISOString(), windowSeconds],
  );
  return { count: rows[0].n, oldestAt: rows[0].oldest === null ? null : Number(rows[0].oldest) };
}
