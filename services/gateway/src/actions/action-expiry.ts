import { ActionType, type Envelope } from '@guildhall/contracts';

const MINUTE = 60_000;

/**
 * How long after it was issued an action is still worth doing. Only interaction answers have
 * a deadline that is Discord's, not ours: an interaction's token is valid for 15 minutes (the
 * answer carries the interaction's own time), and after that Discord refuses the answer. Other
 * actions carry the time of the event that caused them, which may be a backfill or a replay
 * long past; a role reward after an outage is still owed, so they do not expire.
 */
const MAX_AGE_MS: Record<string, number> = {
  [ActionType.InteractionReply]: 15 * MINUTE,
  [ActionType.InteractionDefer]: 15 * MINUTE,
  [ActionType.InteractionUpdate]: 15 * MINUTE,
};

/** Why `action` is too old to execute at `now`, or undefined if it is not. */
export function expiredBecause(action: Envelope, now: Date): string | undefined {
  const maxAge = MAX_AGE_MS[action.type];
  if (maxAge === undefined) return undefined;
  const age = now.getTime() - Date.parse(action.occurredAt);
  if (age <= maxAge) return undefined;
  return `expired: issued ${Math.round(age / MINUTE)} min ago, ${action.type} is only done within ${Math.round(maxAge / MINUTE)} min`;
}
