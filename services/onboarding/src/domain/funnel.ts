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

/**
 * Steps count only members who joined while the service watched: an agreement from someone
 * who was already in the guild has no join time to measure from.
 */
export function summarizeFunnel(members: FunnelMember[]): Funnel {
  const joined = members.length;
  const agreed = members.filter((m) => m.agreedAt !== null);
  const completed = members.filter((m) => m.quizCompletedAt !== null);
  const rate = (n: number): number => (joined === 0 ? 0 : n / joined);
  const bothDone = members.filter((m) => m.agreedAt !== null && m.quizCompletedAt !== null);
  return {
    joined: { count: joined, rate: joined === 0 ? 0 : 1, medianSecondsFromJoin: joined === 0 ? null : 0 },
    agreed: {
      count: agreed.length,
      rate: rate(agreed.length),
      medianSecondsFromJoin: median(agreed.map((m) => seconds(m.joinedAt, m.agreedAt as Date))),
    },
    quizCompleted: {
      count: completed.length,
      rate: rate(completed.length),
      medianSecondsFromJoin: median(completed.map((m) => seconds(m.joinedAt, m.quizCompletedAt as Date))),
    },
    medianSecondsAgreeToQuiz: median(bothDone.map((m) => seconds(m.agreedAt as Date, m.quizCompletedAt as Date))),
  };
}
