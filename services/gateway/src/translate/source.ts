import type { Envelope, EnvelopeOf, EventType, NewEvent } from '@guildhall/contracts';

/** What a translation needs beyond the dispatch itself; supplied by the Discord connection. */
export interface TranslateContext {
  /** The bot's own user id, from READY (guild.synced reports its roles). */
  botUserId?: string;
  /** A thread's parent channel, when the connection knows it. */
  parentOf?(channelId: string): string | undefined;
  /** When the gateway received the dispatch; used for facts Discord does not timestamp. */
  receivedAt: Date;
  /** The gateway session and sequence number the dispatch arrived with (a RESUME replays both unchanged). */
  sessionId?: string;
  seq?: number;
}

/**
 * What tells one receipt of an untimestamped fact from another: `<session>.<seq>`, which a
 * RESUME replays unchanged, so a replayed dispatch keeps its envelope id and is deduplicated;
 * the receipt millisecond when the session is not known.
 */
export function receiptOf(ctx: TranslateContext): string {
  return ctx.sessionId !== undefined && ctx.seq !== undefined
    ? `${ctx.sessionId}.${ctx.seq}`
    : String(ctx.receivedAt.getTime());
}

/** A translated dispatch: the unprefixed subject and its envelope. */
export interface Translated<T = unknown> {
  subject: string;
  envelope: Envelope<T>;
}

export const SOURCE = 'gateway';

/** Like contracts' event() with source 'gateway'; written out because it runs for every message. */
export function gatewayEnvelope<K extends EventType>(
  e: Omit<NewEvent<K>, 'source'> & { type: K },
): EnvelopeOf<K> {
  const out: Envelope<NewEvent<K>['data']> & { type: K } = {
    id: e.id,
    type: e.type,
    version: e.version ?? 1,
    guildId: e.guildId,
    occurredAt: typeof e.occurredAt === 'string' ? e.occurredAt : e.occurredAt.toISOString(),
    source: SOURCE,
    data: e.data,
  };
  if (e.correlationId !== undefined) out.correlationId = e.correlationId;
  if (e.causationId !== undefined) out.causationId = e.causationId;
  // TypeScript does not resolve the distributive EnvelopeOf for a generic K; for one K it is this.
  return out as EnvelopeOf<K>;
}
