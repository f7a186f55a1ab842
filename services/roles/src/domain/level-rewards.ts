import { DesiredChange } from './member';

/** `stack`: a member keeps every reward up to their level; `highest`: only the top one they reached. */
export type RewardMode = 'stack' | 'highest';

export interface LevelReward {
  level: number;
  roleIds: string[];
}

export interface RewardTable {
  mode: RewardMode;
  rewards: LevelReward[];
}

/**
 * The reward roles a member at `level` should have and, in `highest` mode, the lower rewards
 * they should lose. Rewards above the level are left alone: a moderator may have granted them.
 */
export function rewardChanges(table: RewardTable, level: number): DesiredChange[] {
  const reached = table.rewards
    .filter((r) => r.level <= level && r.roleIds.length > 0)
    .sort((a, b) => a.level - b.level);
  if (reached.length === 0) return [];
  const keep = table.mode === 'stack' ? reached : reached.slice(-1);
  const wanted = new Set(keep.flatMap((r) => r.roleIds));
  const changes: DesiredChange[] = [...wanted].map((roleId) => ({ roleId, want: true }));
  if (table.mode === 'highest') {
    const lower = new Set(reached.flatMap((r) => r.roleIds).filter((id) => !wanted.has(id)));
    for (const roleId of lower) changes.push({ roleId, want: false });
  }
  return changes;
}

/** Roles granted for levels above `previousLevel` up to `level`: what a level-up is about. */
export function crossesReward(table: RewardTable, previousLevel: number, level: number): boolean {
  return table.rewards.some((r) => r.level > previousLevel && r.level <= level && r.roleIds.length > 0);
}
