import {
  ActionType,
  actionSubject,
  derivedId,
  domainSubject,
  event,
  XpEventType,
  type Envelope,
} from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import type { LedgerEntry } from '../domain/message-batch';
import type { XpPolicy } from '../domain/policy';
import { rankFor } from '../domain/ranks';

/**
 * What a decided message tells the rest of the platform. Ids derive from the causing message's
 * envelope id, so reprocessing it (after a crash, or a replay) yields the same ids and the
 * stream drops the duplicates.
 */
export function levelUpMessages(entry: LedgerEntry, policy: XpPolicy, cause: Envelope): OutgoingMessage[] {
  const reached = entry.levelReached;
  if (!reached) return [];
  const { guildId, userId, channelId } = entry.message;
  const fact = event(XpEventType.LevelReached, {
    id: derivedId(cause.id, XpEventType.LevelReached),
    guildId,
    occurredAt: cause.occurredAt,
    source: 'xp',
    correlationId: cause.correlationId ?? cause.id,
    causationId: cause.id,
    data: {
      userId,
      level: reached.level,
      previousLevel: reached.previousLevel,
      totalXp: entry.xpAfter,
      channelId,
    },
  });
  const out: OutgoingMessage[] = [{ subject: domainSubject('xp', guildId, 'level_reached'), envelope: fact }];
  const announce = policy.levelUpMessage;
  if (announce.enabled) {
    const action = event(ActionType.MessageSend, {
      id: derivedId(cause.id, 'level_up.message'),
      guildId,
      occurredAt: cause.occurredAt,
      source: 'xp',
      correlationId: cause.correlationId ?? cause.id,
      causationId: cause.id,
      data: {
        channelId: announce.channelId ?? channelId,
        content: levelUpText(announce.template, userId, reached.level),
      },
    });
    out.push({ subject: actionSubject(guildId, ActionType.MessageSend), envelope: action });
  }
  return out;
}

export function levelUpText(template: string, userId: string, level: number): string {
  return template
    .replace(/\{user\}/g, `<@${userId}>`)
    .replace(/\{level\}/g, String(level))
    .replace(/\{rank\}/g, rankFor(level).name)
    .slice(0, 2000);
}

export function awardedMessage(entry: LedgerEntry, cause: Envelope): OutgoingMessage {
  const { guildId, userId, messageId, channelId } = entry.message;
  return {
    subject: domainSubject('xp', guildId, 'awarded'),
    envelope: event(XpEventType.Awarded, {
      id: derivedId(cause.id, XpEventType.Awarded),
      guildId,
      occurredAt: cause.occurredAt,
      source: 'xp',
      correlationId: cause.correlationId ?? cause.id,
      causationId: cause.id,
      data: {
        userId,
        amount: entry.amount,
        totalXp: entry.xpAfter,
        level: entry.levelAfter,
        messageId,
        channelId,
      },
    }),
  };
}
