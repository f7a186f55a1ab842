import { partitionOf, partitionedFilter, partitionedSubject, unpartitionedSubject } from './partitions';

describe('partitions', () => {
  it('puts a guild always in the same partition, and leaves subjects alone with one partition', () => {
    expect(partitionOf('123456789012345678', 16)).toBe(partitionOf('123456789012345678', 16));
    expect(partitionedSubject('discord.1.message.created', 1)).toBe('discord.1.message.created');
    expect(partitionedFilter('discord.*.message.created', 1, 0)).toBe('discord.*.message.created');
  });

  it('spreads guild ids evenly', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16_000; i++)
      counts[partitionOf(String(100000000000000000n + BigInt(i) * 4194304n), 16)]++;
    expect(Math.max(...counts) / 1000).toBeLessThan(1.15);
    expect(Math.min(...counts) / 1000).toBeGreaterThan(0.85);
  });

  it('puts the partition after the family, and takes it off again', () => {
    const p = partitionOf('42', 16);
    expect(partitionedSubject('discord.42.message.created', 16)).toBe(`discord.${p}.42.message.created`);
    expect(partitionedSubject('xp.42.level_reached', 16)).toBe(`xp.${p}.42.level_reached`);
    expect(partitionedSubject('actions.42.message.send', 16)).toBe(`actions.${p}.42.message.send`);
    expect(unpartitionedSubject(`discord.${p}.42.message.created`, 16)).toBe('discord.42.message.created');
  });

  it('leaves dead letters and foreign subjects unpartitioned', () => {
    expect(partitionedSubject('dead.discord.42.message.created', 16)).toBe('dead.discord.42.message.created');
    expect(unpartitionedSubject('dead.discord.42.message.created', 16)).toBe(
      'dead.discord.42.message.created',
    );
    expect(partitionedSubject('other.42.x', 16)).toBe('other.42.x');
  });

  it('turns a filter into one partition, or all of them', () => {
    expect(partitionedFilter('discord.*.message.created', 16, 3)).toBe('discord.3.*.message.created');
    expect(partitionedFilter('discord.*.member.>', 16)).toBe('discord.*.*.member.>');
    expect(partitionedFilter('discord.>', 16, 5)).toBe('discord.5.>');
    const p = partitionOf('42', 16);
    expect(partitionedFilter('xp.42.>', 16)).toBe(`xp.${p}.42.>`);
    expect(() => partitionedFilter('xp.42.>', 16, (p + 1) % 16)).toThrow(/in partition/);
  });
});
