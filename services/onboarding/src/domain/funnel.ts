/** One member's way through onboarding, first time each step happened. */
export interface FunnelMember {
  joinedAt: Date;
  agreedAt: Date | null;
  quizCompletedAt: Date | null;
}

export interface FunnelStep {
  count: number;
  /** Share of the joined members who reached this step, 0..1. */
  rate: number;
  /** Median seconds from joining to this step, over the members who reached it. */
  medianSecondsFromJoin: number | null;
}

export interface Funnel {
  joined: FunnelStep;
  agreed: FunnelStep;
  quizCompleted: FunnelStep;
  /** Median seconds from agreeing to completing the quiz. */
  medianSecondsAgreeToQuiz: number | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (from: Date, to: Date): number => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/** What the funnel is made of: counts per step and median seconds, as the database aggregates them. */
export interface FunnelCounts {
  joined: number;
  agreed: number;
  completed: number;
  medianSecondsJoinToAgree: number | null;
  medianSecondsJoinToQuiz: number | null;
  medianSecondsAgreeToQuiz: number | null;
}

/** Counts → the funnel with rates over the members who joined. */
export function funnelOf(c: FunnelCounts): Funnel {
  const rate = (n: number): number => (c.joined === 0 ? 0 : n / c.joined);
  return {
    joined: {
      count: c.joined,
      rate: c.joined === 0 ? 0 : 1,
      medianSecondsFromJoin: c.joined === 0 ? null : 0,
    },
    agreed: { count: c.agreed, rate: rate(c.agreed), medianSecondsFromJoin: c.medianSecondsJoinToAgree },
    quizCompleted: {
      count: c.completed,
      rate: rate(c.completed),
      medianSecondsFromJoin: c.medianSecondsJoinToQuiz,
    },
    medianSecondsAgreeToQuiz: c.medianSecondsAgreeToQuiz,
  };
}

/**
 * Steps count only members who joined while the service watched: an agreement from someone
 * who was already in the guild has no join time to measure from. The definition in memory;
 * the read API aggregates the same in SQL (MembersProjection.funnelCounts), since a large
 * guild's members are too many to load per request.
 */
export function summarizeFunnel(members: FunnelMember[]): Funnel {
  const agreed = members.filter((m) => m.agreedAt !== null);
  const completed = members.filter((m) => m.quizCompletedAt !== null);
  const bothDone = members.filter((m) => m.agreedAt !== null && m.quizCompletedAt !== null);
  return funnelOf({
    joined: members.length,
    agreed: agreed.length,
    completed: completed.length,
    medianSecondsJoinToAgree: median(agreed.map((m) => seconds(m.joinedAt, m.agreedAt as Date))),
    medianSecondsJoinToQuiz: median(completed.map((m) => seconds(m.joinedAt, m.quizCompletedAt as Date))),
    medianSecondsAgreeToQuiz: median(
      bothDone.map((m) => seconds(m.agreedAt as Date, m.quizCompletedAt as Date)),
    ),
  });
}
