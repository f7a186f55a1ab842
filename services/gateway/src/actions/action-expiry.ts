import { ActionType, type Envelope } from '@guildhall/contracts';

const MINUTE = 60_000;

/**
 * How long after it was issued an action is still worth doing. An interaction's token is
 * valid for 15 minutes; a message (a level-up announcement, a welcome) an hour late is noise;
 * a role change or a command list a day late is still what the service decided, any later and
 * the guild has moved on. A gateway that was down longer drops them with a result that says so.
 */
const MAX_AGE_MS: Record<string, number> = {
  [ActionType.InteractionReply]: 15 * MINUTE,
  [ActionType.InteractionDefer]: 15 * MINUTE,
  [ActionType.InteractionUpdate]: 15 * MINUTE,
  [ActionType.MessageSend]: 60 * MINUTE,
  [ActionType.MessageDelete]: 24 * 60 * MINUTE,
};
const DEFAULT_MAX_AGE_MS = 24 * 60 * MINUTE;

/** Why `action` is too old to execute at `now`, or undefined if it is not. */
export function expiredBecause(action: Envelope, now: Date): string | undefined {
  const maxAge = MAX_AGE_MS[action.type] ?? DEFAULT_MAX_AGE_MS;
  const age = now.getTime() - Date.parse(action.occurredAt);
  if (age <= maxAge) return undefined;
  return `expired: issued ${Math.round(age / MINUTE)} min ago, ${action.type} is only done within ${Math.round(maxAge / MINUTE)} min`;
}
