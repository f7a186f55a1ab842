import { rosterDiff, type ListedMember, type RosterEntry } from './roster-diff';

const listedAt = new Date('2026-12-01T12:00:00Z');
const before = new Date('2026-12-01T11:00:00Z');
const after = new Date('2026-12-01T12:00:01Z');
const entry = (
  roleIds: string[],
  present = true,
  updatedAt = before,
  nick: string | null = null,
): RosterEntry => ({
  present,
  roleIds,
  nick,
  updatedAt,
});
const member = (userId: string, roleIds: string[] = [], nick: string | null = null): ListedMember => ({
  userId,
  roleIds,
  nick,
});

describe('roster diff', () => {
  it('names who joined, left and changed roles or nickname while the gateway was not listening', () => {
    const roster = new Map([
      ['1', entry(['10'])],
      ['2', entry(['10', '11'])],
      ['3', entry([])],
      ['4', entry([], false)],
      ['5', entry([], true, before, 'old')],
    ]);
    const changes = rosterDiff(
      roster,
      [member('1', ['10']), member('2', ['11']), member('4'), member('5', [], 'new'), member('6')],
      listedAt,
    );
    expect(changes.map((c) => `${c.kind}:${c.kind === 'left' ? c.userId : c.member.userId}`).sort()).toEqual([
      'joined:4',
      'joined:6',
      'left:3',
      'updated:2',
      'updated:5',
    ]);
  });

  it('role order does not count as a change', () => {
    expect(rosterDiff(new Map([['1', entry(['10', '11'])]]), [member('1', ['11', '10'])], listedAt)).toEqual(
      [],
    );
  });

  it('leaves alone members a live event touched after the list was taken', () => {
    const roster = new Map([
      ['1', entry(['10'], true, after)], // joined after the list was taken: not a leave
      ['2', entry([], false, after)], // left after the list was taken: not a join
    ]);
    expect(rosterDiff(roster, [member('2')], listedAt)).toEqual([]);
  });
});
