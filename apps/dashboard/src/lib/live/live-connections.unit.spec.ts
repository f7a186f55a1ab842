import { clientAddress } from '../client-address';
import { LiveConnections } from './live-connections';

describe('LiveConnections', () => {
  it('refuses an address past its limit and lets it in again when a stream closes', () => {
    const live = new LiveConnections({ perAddress: 3, perMember: 10, total: 100 });
    const slots = [1, 2, 3].map(() => live.acquire('203.0.113.7', undefined));
    expect(slots.every((s) => s.ok)).toBe(true);
    const fourth = live.acquire('203.0.113.7', undefined);
    expect(fourth).toEqual({
      ok: false,
      message:
        'Too many live-update connections: at most 3 live streams per address. Close another tab or try again later.',
    });
    expect(live.acquire('198.51.100.1', undefined).ok).toBe(true);
    const first = slots[0];
    if (first.ok) {
      first.release();
      first.release(); // twice (abort and cancel) frees one slot, not two
    }
    expect(live.acquire('203.0.113.7', undefined).ok).toBe(true);
    expect(live.acquire('203.0.113.7', undefined).ok).toBe(false);
    expect(live.size).toBe(4);
  });

  it('refuses a signed-in member past their limit from any address', () => {
    const live = new LiveConnections({ perAddress: 100, perMember: 2, total: 100 });
    expect(live.acquire('a', '1').ok).toBe(true);
    expect(live.acquire('b', '1').ok).toBe(true);
    expect(live.acquire('c', '1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('per member'),
    });
    expect(live.acquire('c', '2').ok).toBe(true);
  });

  it('holds at most `total` streams however many addresses they come from', () => {
    const live = new LiveConnections({ perAddress: 5, perMember: 5, total: 50 });
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) if (live.acquire(`10.0.${i >> 8}.${i & 255}`, undefined).ok) accepted++;
    expect(accepted).toBe(50);
  });
});

describe('clientAddress', () => {
  it('takes the entry the nearest proxy appended, not what the client claimed', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '::1' }))).toBe('::1');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});
