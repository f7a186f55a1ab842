import { SlidingWindowLimiter } from './sign-in-limits';

describe('SlidingWindowLimiter', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('admits `limit` attempts per key in the window, then refuses until the oldest ages out', () => {
    const limiter = new SlidingWindowLimiter(3, 60_000, 100, clock);
    expect([1, 2, 3, 4].map(() => limiter.admit('198.51.100.7'))).toEqual([true, true, true, false]);
    expect(limiter.admit('203.0.113.9')).toBe(true);
    now += 59_999;
    expect(limiter.admit('198.51.100.7')).toBe(false);
    now += 1;
    expect([1, 2, 3, 4].map(() => limiter.admit('198.51.100.7'))).toEqual([true, true, true, false]);
  });

  it('does not count refused attempts, so a client that keeps trying is let in once the window passes', () => {
    const limiter = new SlidingWindowLimiter(2, 1_000, 100, clock);
    limiter.admit('a');
    limiter.admit('a');
    for (let i = 0; i < 50; i++) {
      now += 10;
      expect(limiter.admit('a')).toBe(false);
    }
    now += 1_000;
    expect(limiter.admit('a')).toBe(true);
  });

  it('forgets the oldest key past maxKeys, so random addresses cannot grow it without end', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000, 2, clock);
    limiter.admit('a');
    limiter.admit('b');
    limiter.admit('c');
    expect(limiter.admit('b')).toBe(false);
    expect(limiter.admit('a')).toBe(true);
  });
});
