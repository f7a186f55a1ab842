/**
 * A guild's XP policy. Stored as a versioned history (policy_events) so that every decision
 * can be traced to the version in force when the message was sent.
 */
export type XpAmount = { kind: 'fixed'; xp: number } | { kind: 'random'; min: number; max: number };

/**
 * `sqrt`: level = floor(sqrt(xp / 100)), the product documents' default.
 * `step`: each level L → L+1 costs 5·L² + 50·L + 100 XP (the curve MEE6 made familiar).
 */
export type LevelCurve = 'sqrt' | 'step';

export interface LevelUpMessage {
  enabled: boolean;
  /** Where to announce; absent means the channel the member just wrote in. */
  channelId?: string;
  /** `{user}` becomes a mention, `{level}` the new level, `{rank}` the rank tier. */
  template: string;
}

export interface XpPolicy {
  amount: XpAmount;
  cooldownSeconds: number;
  curve: LevelCurve;
  /** roleId → multiplier; a member with several gets the highest, not the product. */
  roleMultipliers: Record<string, number>;
  /** channelId → multiplier; a thread without its own entry inherits its parent's. */
  channelMultipliers: Record<string, number>;
  /** Messages here (or in threads under them) count as messages but earn no XP. */
  noXpChannels: string[];
  levelUpMessage: LevelUpMessage;
}

/** Product defaults: 10 XP per message, once per 60 s, level = floor(sqrt(xp / 100)). */
export const DEFAULT_POLICY: XpPolicy = Object.freeze({
  amount: { kind: 'fixed', xp: 10 },
  cooldownSeconds: 60,
  curve: 'sqrt',
  roleMultipliers: {},
  channelMultipliers: {},
  noXpChannels: [],
  levelUpMessage: { enabled: true, template: '🎉 {user} reached **level {level}**!' },
}) as XpPolicy;

/** One version of a guild's policy and the moment (wall clock of the change) it took effect. */
export interface PolicyVersion {
  version: number;
  effectiveAt: number;
  policy: XpPolicy;
}

/**
 * The policy in force at `at` (epoch ms): the newest version that took effect at or before it,
 * else the default. Picking by the message's time, not by when it is processed, is what lets a
 * replay of the stream reach the same decisions.
 */
export function policyAt(versions: readonly PolicyVersion[], at: number): XpPolicy {
  let chosen: XpPolicy = DEFAULT_POLICY;
  for (const v of versions) {
    if (v.effectiveAt <= at) chosen = v.policy;
    else break;
  }
  return chosen;
}

/** The newest policy, whatever its time: what the policy API and `--reapply-policy` use. */
export function currentPolicy(versions: readonly PolicyVersion[]): XpPolicy {
  return versions.length > 0 ? versions[versions.length - 1].policy : DEFAULT_POLICY;
}
