import { rankFor, RANK_TIERS } from './ranks';

describe('rank tiers', () => {
  it('a new member is a Newcomer', () => expect(rankFor(0).name).toBe('Newcomer'));
  it('level 10 makes a Veteran and level 9 does not', () => {
    expect(rankFor(9).name).toBe('Regular');
    expect(rankFor(10).name).toBe('Veteran');
  });
  it('the top tier has no ceiling', () =>
    expect(rankFor(10_000).name).toBe(RANK_TIERS[RANK_TIERS.length - 1].name));
});
