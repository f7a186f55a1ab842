import { DISCORD_EPOCH, SnowflakeGenerator, snowflakeFloor, snowflakeTimestamp } from './snowflake';

describe('snowflakes', () => {
  it('encode the moment they were made, counted from the Discord epoch', () => {
    const gen = new SnowflakeGenerator();
    const id = gen.next(1700000000123);
    expect(snowflakeTimestamp(id)).toBe(1700000000123);
    expect(snowflakeTimestamp(snowflakeFloor(DISCORD_EPOCH))).toBe(DISCORD_EPOCH);
  });

  it('are unique and strictly increasing even when thousands are made in one millisecond', () => {
    const gen = new SnowflakeGenerator();
    const ids = Array.from({ length: 10_000 }, () => BigInt(gen.next(1700000000000)));
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });

  it('derived from a chosen timestamp give back exactly that timestamp and never repeat', () => {
    const gen = new SnowflakeGenerator();
    const at = Date.parse('2024-03-01T12:00:00.000Z');
    const ids = new Set(Array.from({ length: 9000 }, () => gen.at(at)));
    expect(ids.size).toBe(9000);
    for (const id of ids) expect(snowflakeTimestamp(id)).toBe(at);
  });

  it('from a chosen timestamp stay unique in a burst after many other moments were used', () => {
    const gen = new SnowflakeGenerator(1, 1000);
    const t0 = Date.parse('2025-06-01T00:00:00.000Z');
    for (let i = 0; i < 1000; i++) gen.at(t0 + i * 61_000);
    const burst = Array.from({ length: 100 }, () => gen.at(t0 - 1));
    expect(new Set(burst).size).toBe(100);
  });

  it('from a chosen timestamp do not collide with live ids of the same millisecond', () => {
    const gen = new SnowflakeGenerator();
    const now = 1700000000000;
    expect(gen.at(now)).not.toBe(gen.next(now));
  });

  it('reject moments before the Discord epoch', () => {
    expect(() => new SnowflakeGenerator().at(0)).toThrow(RangeError);
  });
});
