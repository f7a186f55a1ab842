import type { RateLimitData } from 'discord.js';
import { rejectLongRateLimit, withRateLimitParking } from './rate-limit-parking';

const limit = (over: Partial<RateLimitData>): RateLimitData =>
  ({
    global: false,
    method: 'POST',
    url: 'https://discord.com/api/v10/channels/1/messages',
    route: '/channels/:id/messages',
    majorParameter: '1',
    hash: 'h',
    limit: 5,
    timeToReset: 0,
    retryAfter: 0,
    sublimitTimeout: 0,
    scope: 'user',
    ...over,
  }) as RateLimitData;

describe('rejectLongRateLimit', () => {
  it('lets every request outside an action wait, however long', () => {
    expect(rejectLongRateLimit(limit({ retryAfter: 60_000 }))).toBe(false);
  });

  it('sets an action aside when its route is limited for longer than allowed', async () => {
    await withRateLimitParking(2000, async () => {
      expect(rejectLongRateLimit(limit({ retryAfter: 6000 }))).toBe(true);
      expect(rejectLongRateLimit(limit({ timeToReset: 2500 }))).toBe(true);
      expect(rejectLongRateLimit(limit({ retryAfter: 1500, timeToReset: 1500 }))).toBe(false);
    });
  });

  it('waits out the global limit: it holds every guild alike', async () => {
    await withRateLimitParking(2000, async () => {
      expect(rejectLongRateLimit(limit({ global: true, retryAfter: 6000 }))).toBe(false);
    });
  });

  it('keeps the allowance across the awaits of the request', async () => {
    await withRateLimitParking(100, async () => {
      await new Promise((r) => setTimeout(r, 5));
      expect(rejectLongRateLimit(limit({ retryAfter: 500 }))).toBe(true);
    });
  });
});
