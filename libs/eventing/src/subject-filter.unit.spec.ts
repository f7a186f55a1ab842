import { subjectMatches, supportsMultipleFilters } from './subject-filter';

describe('subjectMatches', () => {
  it.each([
    ['discord.*.message.created', 'discord.1.message.created', true],
    ['discord.*.message.created', 'discord.1.member.joined', false],
    ['discord.*.message.created', 'discord.1.message.created.x', false],
    ['discord.>', 'discord.1.message.created', true],
    ['discord.>', 'discord', false],
    ['xp.1.level_reached', 'xp.1.level_reached', true],
    ['xp.*', 'xp.1.level_reached', false],
  ])('%s matches %s: %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
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
