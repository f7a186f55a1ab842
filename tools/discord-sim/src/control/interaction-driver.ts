import {
  GatewayDispatchEvents,
  InteractionResponseType,
  type APIInteraction,
  type APIMessage,
} from 'discord-api-types/v10';
import type { SimContext } from '../sim-context';
import { newInteractionToken, type InteractionRecord } from '../state/interaction-store';

export interface InteractionView {
  interactionId: string;
  token: string;
  kind: 'command' | 'component';
  /** False when no gateway session was connected for the guild's shard. */
  delivered: boolean;
  callback: { type: number; data: Record<string, unknown> | null } | null;
  respondedInMs: number | null;
  /** The response message as it is now, after any edits (for component updates: the clicked message). */
  original: APIMessage | null;
  followups: APIMessage[];
}

export function viewOf(record: InteractionRecord, delivered = true): InteractionView {
  return {
    interactionId: record.id,
    token: record.token,
    kind: record.kind,
    delivered,
    callback: record.callback ? { type: record.callback.type, data: record.callback.data } : null,
    respondedInMs: record.callback ? record.callback.at - record.createdAt : null,
    original: record.original,
    followups: [...record.followups],
  };
}

const DEFERRED = new Set<number>([
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
]);

/**
 * Resolves once the bot answered: a direct reply/update at once; a deferral only when an edit
 * or follow-up came after it (or `deferredWaitMs` after the deferral).
 */
function waitUntilSettled(record: InteractionRecord, waitMs: number, deferredWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    let extended = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      record.listeners.delete(check);
      resolve();
    };
    function check(): void {
      if (!record.callback) return;
      // Edits and follow-ups are only possible after the callback, so any update settles it.
      if (!DEFERRED.has(record.callback.type) || record.updates > 0) return finish();
      if (!extended) {
        extended = true;
        clearTimeout(timer);
        timer = setTimeout(finish, deferredWaitMs);
      }
    }
    timer = setTimeout(finish, waitMs);
    record.listeners.add(check);
    check();
  });
}

/** Dispatches INTERACTION_CREATE to the guild's shard and waits for the bot's answer. */
export async function runInteraction(
  sim: SimContext,
  record: Omit<
    InteractionRecord,
    'token' | 'payload' | 'callback' | 'original' | 'followups' | 'updates' | 'listeners' | 'createdAt'
  >,
  build: (token: string) => APIInteraction,
  waitMs = sim.settings.defaultWaitMs,
): Promise<InteractionView> {
  const token = newInteractionToken(record.id);
  const full: InteractionRecord = {
    ...record,
    token,
    payload: build(token),
    createdAt: Date.now(),
    callback: null,
    original: null,
    followups: [],
    updates: 0,
    listeners: new Set(),
  };
  sim.interactions.add(full);
  const delivered = sim.gateway.sessionsFor(record.guildId).length > 0;
  sim.gateway.toGuild(record.guildId, GatewayDispatchEvents.InteractionCreate, full.payload, 0);
  if (delivered && waitMs > 0) await waitUntilSettled(full, waitMs, sim.settings.deferredWaitMs);
  return viewOf(full, delivered);
}
