import { subjectsOverlap, supportsMultipleFilters } from './subject-filter';

describe('subjectsOverlap', () => {
  it.each([
    ['discord.*.message.created', 'discord.1.message.created', true],
    ['discord.*.message.created', 'discord.*.member.joined', false],
    ['discord.*.message.created', 'discord.1.message.created.x', false],
    ['discord.>', 'discord.1.message.created', true],
    ['discord.1.>', 'discord.*.guild.synced', true],
    ['discord.>', 'discord', false],
    ['xp.*', 'xp.1.level_reached', false],
    ['xp.1.level_reached', 'xp.1.level_reached', true],
    ['gateway.*.action.done', 'gateway.*.action.failed', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(subjectsOverlap(a, b)).toBe(expected);
    expect(subjectsOverlap(b, a)).toBe(expected);
  });
});

describe('supportsMultipleFilters', () => {
  it('needs NATS 2.10 or later', () => {
    expect(supportsMultipleFilters('2.9.10')).toBe(false);
    expect(supportsMultipleFilters('2.10.0')).toBe(true);
    expect(supportsMultipleFilters('2.12.1')).toBe(true);
    expect(supportsMultipleFilters(undefined)).toBe(false);
  });
});
