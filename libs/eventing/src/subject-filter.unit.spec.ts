import { entityFamilies, subjectMatches, subjectsOverlap, supportsMultipleFilters } from './subject-filter';

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

describe('subjectMatches', () => {
  it.each([
    ['discord.*.member.joined', 'discord.1.member.joined', true],
    ['discord.*.member.joined', 'discord.1.member.left', false],
    ['discord.*.member.>', 'discord.1.member.left', true],
    ['discord.*.member.>', 'discord.1.member', false],
    ['ns.discord.*.member.joined', 'ns.discord.1.member.joined.x', false],
  ])('%s matches %s: %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});

describe('entityFamilies', () => {
  it('puts the filters of one entity on one wildcard, and leaves lone filters as they are', () => {
    expect(
      entityFamilies([
        'discord.*.member.joined',
        'discord.*.member.left',
        'discord.*.guild.synced',
        'discord.*.role.upserted',
        'discord.*.role.deleted',
      ]),
    ).toEqual(
      new Map([
        ['discord.*.member.>', ['discord.*.member.joined', 'discord.*.member.left']],
        ['discord.*.guild.synced', ['discord.*.guild.synced']],
        ['discord.*.role.>', ['discord.*.role.upserted', 'discord.*.role.deleted']],
      ]),
    );
  });
});
