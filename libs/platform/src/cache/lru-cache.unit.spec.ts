import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('keeps at most its capacity of entries, evicting the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now newer than b
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('bounds the total weight, evicting as many old entries as a heavy one needs', () => {
    const cache = new LruCache<string, string>(100);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, k, 25);
    cache.set('big', 'big', 60);
    expect(cache.weight).toBeLessThanOrEqual(100);
    expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k))).toEqual([undefined, undefined, undefined, 'd']);
    expect(cache.get('big')).toBe('big');
    expect(cache.weight).toBe(85);
  });

  it('never keeps an entry heavier than its capacity, and replacing a key drops its old weight', () => {
    const cache = new LruCache<string, string>(10);
    cache.set('a', 'small', 4);
    cache.set('huge', 'x', 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('small');
    cache.set('a', 'bigger', 9);
    expect(cache.weight).toBe(9);
    expect(cache.size).toBe(1);
    expect(cache.delete('a')).toBe(true);
    expect(cache.weight).toBe(0);
  });

  it('stays at its bound under 10,000 distinct keys', () => {
    const cache = new LruCache<number, number>(500);
    for (let i = 0; i < 10_000; i++) cache.set(i, i);
    expect(cache.size).toBe(500);
    expect(cache.get(9_999)).toBe(9_999);
    expect(cache.get(0)).toBeUndefined();
  });

  it('refuses a capacity that bounds nothing', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
    expect(() => new LruCache(Infinity)).toThrow(RangeError);
  });
});
