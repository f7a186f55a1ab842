import type { InteractionHandle, InteractionKind } from '../translate/interactions';

/**
 * How far an interaction has been answered. Discord accepts one callback per interaction;
 * everything after it goes through the webhook (edit @original or a follow-up).
 */
export type Responded =
  | 'none'
  /** Callback 5 ("thinking…"): the answer edits @original. */
  | 'deferred-reply'
  /** Callback 6 (silent, components only): an update edits @original, a reply is a follow-up. */
  | 'deferred-update'
  /** A real answer is visible; a further reply is a follow-up, an update edits @original. */
  | 'answered';

export interface TrackedInteraction extends Omit<InteractionHandle, 'kind'> {
  /** Null when the state was first recorded from an owner's answer, which does not say. */
  kind: InteractionKind | null;
  responded: Responded;
  /** The gateway deferred on its own: it also owes the member the give-up message. */
  deferredByGateway: boolean;
  gaveUp: boolean;
}

export interface DeadlineSettings {
  deferMs: number;
  giveUpMs: number;
  deferEphemeral: boolean;
}

/** Interaction tokens stay valid for 15 minutes; nothing can be sent after that. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
export const CATCHING_UP_MESSAGE = 'Guildhall is catching up — please try again in a moment.';

export type AnswerKind = 'reply' | 'update' | 'defer';

export type AnswerPlan =
  | { via: 'callback'; type: 4 | 5 | 6 | 7; ephemeral: boolean }
  | { via: 'edit-original' }
  | { via: 'followup'; ephemeral: boolean }
  /** Already deferred or answered: a further defer has nothing to do. */
  | { via: 'none' };

export type DeadlineStep =
  | { do: 'nothing' }
  | { do: 'forget' }
  | { do: 'defer'; plan: AnswerPlan & { via: 'callback' } }
  | { do: 'give-up'; plan: { via: 'edit-original' } | { via: 'followup'; ephemeral: true } };

export function track(handle: InteractionHandle): TrackedInteraction {
  return { ...handle, responded: 'none', deferredByGateway: false, gaveUp: false };
}

/**
 * What the clock demands of one interaction. Discord fails an interaction that gets no
 * callback within 3 s, so an unanswered one is deferred at `deferMs` (commands: "thinking…",
 * type 5; components: a silent deferred update, type 6). If the owner still has not answered
 * by `giveUpMs`, the member is told to try again instead of watching "thinking…" forever.
 */
export function deadlineStep(t: TrackedInteraction, nowMs: number, s: DeadlineSettings): DeadlineStep {
  const age = nowMs - t.receivedAtMs;
  if (age >= TOKEN_LIFETIME_MS) return { do: 'forget' };
  if (t.responded === 'none' && age >= s.deferMs) {
    return t.kind === 'command'
      ? { do: 'defer', plan: { via: 'callback', type: 5, ephemeral: s.deferEphemeral } }
      : { do: 'defer', plan: { via: 'callback', type: 6, ephemeral: false } };
  }
  if (t.deferredByGateway && !t.gaveUp && t.responded !== 'answered' && age >= s.giveUpMs) {
    // A component's @original is the message its buttons sit on: never overwrite that.
    return t.kind === 'command'
      ? { do: 'give-up', plan: { via: 'edit-original' } }
      : { do: 'give-up', plan: { via: 'followup', ephemeral: true } };
  }
  return { do: 'nothing' };
}

/**
 * How to deliver an owner's answer given what was sent before. An interaction no replica has
 * recorded is tried as a first callback (see afterAlreadyAcknowledged for when Discord refuses).
 */
export function planAnswer(
  t: TrackedInteraction | undefined,
  kind: AnswerKind,
  ephemeral: boolean,
): AnswerPlan {
  const responded = t?.responded ?? 'none';
  switch (responded) {
    case 'none':
      if (kind === 'reply') return { via: 'callback', type: 4, ephemeral };
      if (kind === 'update') return { via: 'callback', type: 7, ephemeral: false };
      return { via: 'callback', type: 5, ephemeral };
    case 'deferred-reply':
      return kind === 'defer' ? { via: 'none' } : { via: 'edit-original' };
    case 'deferred-update':
    case 'answered':
      if (kind === 'defer') return { via: 'none' };
      return kind === 'update' ? { via: 'edit-original' } : { via: 'followup', ephemeral };
  }
}

/**
 * Where an answer goes when Discord says the interaction was already acknowledged although
 * no replica recorded it (one died between its call and recording it). A command's
 * @original is the bot's own reply, so a reply edits it; a component's @original is the
 * message its buttons sit on (the rules, a role menu), so a reply becomes a follow-up there,
 * as it does when the kind is unknown.
 */
export function afterAlreadyAcknowledged(
  t: TrackedInteraction,
  kind: AnswerKind,
  ephemeral: boolean,
): AnswerPlan {
  if (kind === 'defer') return { via: 'none' };
  if (kind === 'update' || t.kind === 'command') return { via: 'edit-original' };
  return { via: 'followup', ephemeral };
}

/** The state after `plan` was delivered successfully. */
export function afterDelivery(
  t: TrackedInteraction,
  plan: AnswerPlan,
  by: 'owner' | 'gateway',
): TrackedInteraction {
  switch (plan.via) {
    case 'none':
      return t;
    case 'callback':
      if (plan.type === 5) return { ...t, responded: 'deferred-reply', deferredByGateway: by === 'gateway' };
      if (plan.type === 6) return { ...t, responded: 'deferred-update', deferredByGateway: by === 'gateway' };
      return { ...t, responded: 'answered' };
    case 'edit-original':
    case 'followup':
      // The gateway's own give-up message is not the owner's answer: a late answer still edits @original.
      return by === 'gateway' ? { ...t, gaveUp: true } : { ...t, responded: 'answered' };
  }
}
