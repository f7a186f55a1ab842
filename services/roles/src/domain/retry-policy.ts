export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type FailureDecision = { kind: 'retry'; retryAt: string } | { kind: 'fail'; reason: string };

/** Exponential backoff: base, 2·base, 4·base … capped. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * After the `attempt`-th try failed at `failedAt`. The retry time is derived from the failure's
 * own time, so replaying the same facts schedules the same retry; only the sweep that fires
 * it reads the wall clock.
 */
export function decideFailure(
  policy: RetryPolicy,
  attempt: number,
  failure: { retryable: boolean; error: string; failedAt: string },
): FailureDecision {
  if (!failure.retryable) return { kind: 'fail', reason: failure.error };
  if (attempt >= policy.maxAttempts)
    return { kind: 'fail', reason: `${failure.error} (gave up after ${attempt} attempts)` };
  return {
    kind: 'retry',
    retryAt: new Date(Date.parse(failure.failedAt) + backoffMs(policy, attempt)).toISOString(),
  };
}
