import { backoffMs, decideFailure } from './retry-policy';

const policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 3000 };

describe('retrying a failed role action', () => {
  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(policy, a))).toEqual([1000, 2000, 3000, 3000]);
  });

  it('a retryable failure is retried at a time derived from the failure itself', () => {
    expect(
      decideFailure(policy, 2, { retryable: true, error: '500', failedAt: '2026-01-01T00:00:00.000Z' }),
    ).toEqual({
      kind: 'retry',
      retryAt: '2026-01-01T00:00:02.000Z',
    });
  });

  it('gives up after the last attempt, and at once on a permanent failure', () => {
    expect(
      decideFailure(policy, 3, { retryable: true, error: 'HTTP 500', failedAt: '2026-01-01T00:00:00Z' }),
    ).toEqual({
      kind: 'fail',
      reason: 'HTTP 500 (gave up after 3 attempts)',
    });
    expect(
      decideFailure(policy, 1, {
        retryable: false,
        error: 'Missing Permissions',
        failedAt: '2026-01-01T00:00:00Z',
      }),
    ).toEqual({
      kind: 'fail',
      reason: 'Missing Permissions',
    });
  });
});
