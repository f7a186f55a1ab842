import { levelFor } from './levels';
import type { XpAmount, XpPolicy } from './policy';

/** What the XP projection knows about one member, as the decision needs it. */
export interface MemberState {
  xp: number;
  level: number;
  messages: number;
  /** Event time (epoch ms) of the last message that earned XP. */
  lastAwardAt: number | null;
}

export const NEW_MEMBER: MemberState = Object.freeze({ xp: 0, level: 0, messages: 0, lastAwardAt: null });

export interface MessageFacts {
  messageId: string;
  channelId: string;
  parentChannelId?: string;
  roleIds: readonly string[];
  bot: boolean;
  /** The message's own time (epoch ms), never the wall clock. */
  occurredAt: number;
}

export type NoXpReason = 'cooldown' | 'no_xp_channel' | 'zero_multiplier';

/** The counted message and what it earned; `amount` is 0 when `reason` says why. */
export interface MessageDecision {
  amount: number;
  reason: NoXpReason | null;
  next: MemberState;
  /** Set when this message lifted the member to a new level. */
  levelReached: { level: number; previousLevel: number } | null;
}

/**
 * Decides one message for one member. Bots earn and count nothing (null). A message earns XP
 * only if it was sent at least `cooldownSeconds` after the last one that did; one sent earlier
 * than that — including one that arrives out of order, before the last award — earns nothing,
 * so the result never depends on delivery timing.
 */
export function decideAward(
  policy: XpPolicy,
  state: MemberState,
  message: MessageFacts,
): MessageDecision | null {
  if (message.bot) return null;
  const counted = { ...state, messages: state.messages + 1 };
  const reason = noXpReason(policy, state, message);
  const amount = reason ? 0 : awardAmount(policy, message);
  if (reason || amount === 0) {
    return { amount: 0, reason: reason ?? 'zero_multiplier', next: counted, levelReached: null };
  }
  const xp = state.xp + amount;
  const level = levelFor(policy.curve, xp);
  const next: MemberState = { xp, level, messages: counted.messages, lastAwardAt: message.occurredAt };
  const levelReached = level > state.level ? { level, previousLevel: state.level } : null;
  return { amount, reason: null, next, levelReached };
}

function noXpReason(policy: XpPolicy, state: MemberState, message: MessageFacts): NoXpReason | null {
  const noXp = policy.noXpChannels;
  if (noXp.includes(message.channelId) || (message.parentChannelId && noXp.includes(message.parentChannelId)))
    return 'no_xp_channel';
  if (state.lastAwardAt !== null && message.occurredAt < state.lastAwardAt + policy.cooldownSeconds * 1000)
    return 'cooldown';
  return null;
}

/** Base amount × the member's best role multiplier × the channel's multiplier, rounded. */
export function awardAmount(policy: XpPolicy, message: MessageFacts): number {
  const base = baseAmount(policy.amount, message.messageId);
  let roleMultiplier = 1;
  let found = false;
  for (const roleId of message.roleIds) {
    const m = policy.roleMultipliers[roleId];
    if (m !== undefined && (!found || m > roleMultiplier)) {
      roleMultiplier = m;
      found = true;
    }
  }
  const channelMultiplier =
    policy.channelMultipliers[message.channelId] ??
    (message.parentChannelId ? policy.channelMultipliers[message.parentChannelId] : undefined) ??
    1;
  return Math.round(base * roleMultiplier * channelMultiplier);
}

/**
 * A random amount is drawn from a hash of the message id, not from Math.random, so the same
 * message earns the same XP on every replay.
 */
export function baseAmount(amount: XpAmount, messageId: string): number {
  if (amount.kind === 'fixed') return amount.xp;
  const span = amount.max - amount.min + 1;
  return amount.min + (seededHash(messageId) % span);
}

/** FNV-1a (32-bit) followed by a murmur3 finaliser so neighbouring snowflakes spread evenly. */
export function seededHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
