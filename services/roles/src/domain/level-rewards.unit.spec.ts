import { crossesReward, rewardChanges, RewardTable } from './level-rewards';

const rewards = [
  { level: 5, roleIds: ['5'] },
  { level: 10, roleIds: ['10'] },
  { level: 20, roleIds: ['20a', '20b'] },
];

describe('level rewards', () => {
  it('stacking keeps every reward up to the level', () => {
    const table: RewardTable = { mode: 'stack', rewards };
    expect(rewardChanges(table, 4)).toEqual([]);
    expect(rewardChanges(table, 12)).toEqual([
      { roleId: '5', want: true },
      { roleId: '10', want: true },
    ]);
  });

  it('highest-only keeps the top reward reached and drops the lower ones', () => {
    const table: RewardTable = { mode: 'highest', rewards };
    expect(rewardChanges(table, 25)).toEqual([
      { roleId: '20a', want: true },
      { roleId: '20b', want: true },
      { roleId: '5', want: false },
      { roleId: '10', want: false },
    ]);
  });

  it('a level-up matters only when it crosses a rewarded level', () => {
    const table: RewardTable = { mode: 'stack', rewards };
    expect(crossesReward(table, 5, 9)).toBe(false);
    expect(crossesReward(table, 9, 10)).toBe(true);
  });
});
