import type { RateLimit } from '@guildhall/platform';

/**
 * Every attempt is a fact kept for good (and an event on DOMAIN), so attempts are capped: 20 an
 * hour is several tries at every rule of a long quiz, and a guild-wide cap bounds a swarm of
 * accounts each under its own limit.
 */
export interface QuizAttemptLimits {
  perMember: RateLimit;
  perGuild: RateLimit;
}

export const quizAttemptLimits = (perMember = 20, perGuild = 10_000): QuizAttemptLimits => ({
  perMember: { what: 'quiz attempts', per: 'member', max: perMember, windowSeconds: 3600 },
  perGuild: { what: 'quiz attempts', per: 'guild', max: perGuild, windowSeconds: 3600 },
});

export const QUIZ_ATTEMPT_LIMITS = 'QUIZ_ATTEMPT_LIMITS';
