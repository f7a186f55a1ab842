import { ConfigChange, fieldChange, keyedChanges } from '@guildhall/config-history';
import type { LevelReward, RewardTable } from './level-rewards';

export const EMPTY_REWARDS: RewardTable = { mode: 'stack', rewards: [] };

const MODES = { stack: 'keep every reward reached', highest: 'only the highest reward' } as const;

/**
 * Pure: what changed in the level reward table. `roleName` names the roles Discord told us
 * about; the others read as "role <id>".
 */
export function rewardTableChanges(
  before: RewardTable,
  after: RewardTable,
  roleName: (id: string) => string | undefined = () => undefined,
): ConfigChange[] {
  const roles = (ids: string[]) => ids.map((id) => `role ${roleName(id) ?? id}`).join(', ');
  const byLevel = (t: RewardTable) =>
    new Map<string, LevelReward>(t.rewards.map((r) => [String(r.level), r]));
  return [
    ...fieldChange('mode', 'rewards mode', MODES[before.mode], MODES[after.mode], String),
    ...keyedChanges('rewards', byLevel(before), byLevel(after), {
      name: (level) => `level ${level} reward`,
      added: (level, r) => `level ${level} reward added: ${roles(r.roleIds)}`,
      removed: (level, r) => `level ${level} reward removed (${roles(r.roleIds)})`,
      changed: (level, b, a, path) => [
        {
          kind: 'changed',
          field: `${path}.roleIds`,
          text: `level ${level} reward ${roles(b.roleIds)} → ${roles(a.roleIds)}`,
          before: b.roleIds,
          after: a.roleIds,
        },
      ],
    }),
  ];
}
