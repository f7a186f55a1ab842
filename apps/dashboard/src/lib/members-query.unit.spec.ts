import { leaderboardSlice, pageOf, parseMembersQuery } from './members-query';

describe('the moderators’ members table', () => {
  it('reads the first page of the most active members straight from the leaderboard', () => {
    expect(leaderboardSlice({ dir: 'desc', page: 1, size: 25 }, 100_000)).toEqual({
      offset: 0,
      limit: 25,
      reverse: false,
    });
  });

  it('shows the least active members first by reading the leaderboard from its end', () => {
    expect(leaderboardSlice({ dir: 'asc', page: 1, size: 25 }, 100_000)).toEqual({
      offset: 99_975,
      limit: 25,
      reverse: true,
    });
    expect(leaderboardSlice({ dir: 'asc', page: 2, size: 25 }, 100_000)).toEqual({
      offset: 99_950,
      limit: 25,
      reverse: true,
    });
  });

  it('returns a short last page in ascending order', () => {
    expect(leaderboardSlice({ dir: 'asc', page: 3, size: 25 }, 60)).toEqual({
      offset: 0,
      limit: 10,
      reverse: true,
    });
  });

  it('finds the page of a member from their position in either order', () => {
    expect(pageOf(1, 1000, 'desc', 25)).toBe(1);
    expect(pageOf(26, 1000, 'desc', 25)).toBe(2);
    expect(pageOf(1000, 1000, 'asc', 25)).toBe(1);
    expect(pageOf(1, 1000, 'asc', 25)).toBe(40);
  });

  it('ignores page sizes and orders it does not offer', () => {
    expect(parseMembersQuery({ size: '1000', dir: 'sideways', page: '-3' })).toEqual({
      q: '',
      dir: 'desc',
      page: 1,
      size: 25,
    });
  });
});
