import { rateVerdict, type RateVerdict } from '@guildhall/platform';
import type { QuizAttemptLimits } from '../domain/quiz-limits';
import { recentQuizAttempts } from '../projections/recent-quiz-attempts';
import type { Queryable } from '../projections/queryable';

/**
 * Whether the member may make another attempt at `at` (epoch ms). Run inside GuildTransactions,
 * whose guild lock makes the count exact across replicas.
 */
export async function quizAttemptAllowed(
  db: Queryable,
  schema: string,
  limits: QuizAttemptLimits,
  guildId: string,
  userId: string,
  at: number,
): Promise<RateVerdict> {
  const { perMember, perGuild } = limits;
  const member = rateVerdict(
    perMember,
    await recentQuizAttempts(db, schema, guildId, userId, at, perMember.windowSeconds),
    at,
  );
  if (!member.ok) return member;
  return rateVerdict(
    perGuild,
    await recentQuizAttempts(db, schema, guildId, null, at, perGuild.windowSeconds),
    at,
  );
}
