import { decideAward, MemberState, MessageFacts, NEW_MEMBER, NoXpReason } from './award';
import type { XpPolicy } from './policy';

export interface GuildMessage extends MessageFacts {
  /** The envelope id; facts derived from it get ids derived from it. */
  eventId: string;
  guildId: string;
  userId: string;
}

/** One row of the append-only ledger: a counted message and what it earned. */
export interface LedgerEntry {
  message: GuildMessage;
  amount: number;
  reason: NoXpReason | null;
  xpAfter: number;
  levelAfter: number;
  levelReached: { level: number; previousLevel: number } | null;
}

export const memberKey = (guildId: string, userId: string): string => `${guildId}:${userId}`;

/**
 * Decides a batch in stream order, threading each member's state from one message to the
 * next. Pure: `states` is read, never changed; the returned map holds every touched member.
 */
export function decideBatch(
  messages: readonly GuildMessage[],
  states: ReadonlyMap<string, MemberState>,
  policyFor: (guildId: string, at: number) => XpPolicy,
): { entries: LedgerEntry[]; touched: Map<string, MemberState> } {
  const touched = new Map<string, MemberState>();
  const entries: LedgerEntry[] = [];
  for (const message of messages) {
    const key = memberKey(message.guildId, message.userId);
    const state = touched.get(key) ?? states.get(key) ?? NEW_MEMBER;
    const decision = decideAward(policyFor(message.guildId, message.occurredAt), state, message);
    if (!decision) continue;
    touched.set(key, decision.next);
    entries.push({
      message,
      amount: decision.amount,
      reason: decision.reason,
      xpAfter: decision.next.xp,
      levelAfter: decision.next.level,
      levelReached: decision.levelReached,
    });
  }
  return { entries, touched };
}
