import { rateLimitText, rateVerdict, type RateLimit } from './rate-limit';

const PER_MINUTE: RateLimit = { what: 'role requests', per: 'member', max: 10, windowSeconds: 60 };
const NOW = Date.parse('2026-12-03T12:00:00Z');

describe('rateVerdict', () => {
  it('lets the last allowed one through', () => {
    expect(rateVerdict(PER_MINUTE, { count: 9, oldestAt: NOW - 30_000 }, NOW)).toEqual({ ok: true });
  });

  it('refuses one past the limit, naming it, until the oldest leaves the window', () => {
    expect(rateVerdict(PER_MINUTE, { count: 10, oldestAt: NOW - 15_500 }, NOW)).toEqual({
      ok: false,
      retryAfterSeconds: 45,
      message: 'at most 10 role requests per minute per member; try again in 45 s',
    });
  });

  it('never answers a Retry-After below one second', () => {
    const verdict = rateVerdict(PER_MINUTE, { count: 12, oldestAt: NOW - 60_000 }, NOW);
    expect(verdict).toMatchObject({ ok: false, retryAfterSeconds: 1 });
  });

  it('says the window in words', () => {
    expect(rateLimitText({ what: 'quiz attempts', per: 'member', max: 20, windowSeconds: 3600 })).toBe(
      'at most 20 quiz attempts per hour per member',
    );
    expect(rateLimitText({ what: 'x', per: 'guild', max: 1, windowSeconds: 90 })).toBe(
      'at most 1 x per 90 s per guild',
    );
  });
});
