import { EMPTY_REWARDS, rewardTableChanges } from './reward-table-changes';

const names: Record<string, string> = { '310000000000000051': 'Regular', '310000000000000052': 'Veteran' };
const name = (id: string) => names[id];

describe('what changed in the level rewards', () => {
  it('rewards added, changed and removed, roles named where known', () => {
    const v1 = {
      mode: 'stack' as const,
      rewards: [
        { level: 5, roleIds: ['310000000000000051'] },
        { level: 20, roleIds: ['310000000000000099'] },
      ],
    };
    const v2 = {
      mode: 'highest' as const,
      rewards: [
        { level: 5, roleIds: ['310000000000000052'] },
        { level: 10, roleIds: ['310000000000000051'] },
      ],
    };
    expect(rewardTableChanges(EMPTY_REWARDS, v1, name).map((c) => c.text)).toEqual([
      'level 5 reward added: role Regular',
      'level 20 reward added: role 310000000000000099',
    ]);
    expect(rewardTableChanges(v1, v2, name).map((c) => c.text)).toEqual([
      'rewards mode keep every reward reached → only the highest reward',
      'level 5 reward role Regular → role Veteran',
      'level 10 reward added: role Regular',
      'level 20 reward removed (role 310000000000000099)',
    ]);
  });

  it('the same table has no changes', () => {
    expect(rewardTableChanges(EMPTY_REWARDS, { mode: 'stack', rewards: [] })).toEqual([]);
  });
});
