import type { SentJoin, SentMessage } from './sent';

/**
 * What the community is set up to do (community.ts), restated here independently of the
 * services' code so the tally does not trust what it checks: xp's default policy (10 XP a
 * message, 60 s cooldown, level = floor(sqrt(xp / 100)), an announcement at each level), the
 * roles service's level rewards in `stack` mode, onboarding's Pre-Member role and greeting.
 */
export interface CommunityRules {
  xpPerMessage: number;
  /** level → role granted on reaching it. */
  rewardRoles: Record<number, string>;
  preMemberRoleId: string;
}

export interface ExpectedCall {
  key: string;
  /** The phase in which its cause (a message or a join) happened. */
  phase: number;
  /** When its cause was sent (wall clock, epoch ms). */
  sentAt: number;
}

/** The level of a member with `xp`: the largest L with 100·L² ≤ xp, in integers. */
export function levelAt(xp: number): number {
  let level = 0;
  while (100 * (level + 1) ** 2 <= xp) level++;
  return level;
}

export const announceKey = (userId: string, level: number) => `announce ${userId} level ${level}`;
export const roleKey = (userId: string, roleId: string) => `role ${userId} ${roleId}`;
export const greetingKey = (userId: string) => `greeting ${userId}`;

/**
 * Every Discord call the sent messages and joins should cause, once each. Messages said 61 s
 * apart in order each earn the fixed amount, so a member's n-th message brings them to n × amount.
 */
export function expectedCalls(
  messages: readonly SentMessage[],
  joins: readonly SentJoin[],
  rules: CommunityRules,
): ExpectedCall[] {
  const out: ExpectedCall[] = [];
  for (const m of messages) {
    const before = levelAt((m.count - 1) * rules.xpPerMessage);
    const after = levelAt(m.count * rules.xpPerMessage);
    if (after === before) continue;
    const cause = { phase: m.phase, sentAt: m.sentAt };
    out.push({ key: announceKey(m.userId, after), ...cause });
    for (let level = before + 1; level <= after; level++) {
      const roleId = rules.rewardRoles[level];
      if (roleId) out.push({ key: roleKey(m.userId, roleId), ...cause });
    }
  }
  for (const j of joins) {
    const cause = { phase: j.phase, sentAt: j.sentAt };
    out.push({ key: roleKey(j.userId, rules.preMemberRoleId), ...cause });
    out.push({ key: greetingKey(j.userId), ...cause });
  }
  return out;
}
