import type { EventEmitter } from 'node:events';
import type { OutgoingMessage } from '@guildhall/eventing';
import type { Client } from 'discord.js';
import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import type { InteractionDesk } from '../interactions/interaction-desk';
import type { EventBatcher } from '../publishing/event-batcher';
import { translateDispatch } from '../translate/dispatch';
import type { TranslateContext } from '../translate/source';
import type { ShardReadGate } from './shard-read-gate';
import type { ShardSessions } from './shard-sessions';

/** A translated dispatch on its way to the stream, with where it came from (for the stored session). */
export interface QueuedEvent extends OutgoingMessage {
  shardId: number;
  sessionId: string | undefined;
  seq: number;
}

export interface DispatchHooks {
  translated?(type: string): void;
  /** A guild's GUILD_CREATE arrived on `sessionId` (a fresh session, the bot joining, or an outage ending). */
  guildAvailable?(guildId: string, shardId: number, sessionId: string | undefined): void;
}

/**
 * Feeds every raw gateway dispatch through the pure translations into the batcher. Raw
 * dispatches rather than discord.js' events: they arrive before (and regardless of) the
 * client's caches, carry every field the contracts need, and the hot path stays one switch
 * and one small object per message.
 */
export class DispatchListener {
  botUserId: string | undefined;
  applicationId: string | undefined;
  /** Shards that received READY in this process (the others resumed a stored session). */
  readonly readied = new Set<number>();
  private readonly onRaw = (packet: GatewayDispatchPayload, shardId: number): void =>
    this.handle(packet, shardId);

  constructor(
    private readonly client: Client,
    private readonly batcher: EventBatcher<QueuedEvent>,
    private readonly desk: InteractionDesk,
    private readonly sessions: ShardSessions,
    private readonly gate: ShardReadGate,
    private readonly hooks: DispatchHooks = {},
  ) {}

  attach(): void {
    (this.client as unknown as EventEmitter).on('raw', this.onRaw);
  }

  detach(): void {
    (this.client as unknown as EventEmitter).off('raw', this.onRaw);
  }

  handle(packet: GatewayDispatchPayload, shardId = 0): void {
    const sessionId = this.sessions.retrieve(shardId)?.sessionId;
    if (packet.t === GatewayDispatchEvents.Ready) {
      this.botUserId = packet.d.user.id;
      this.applicationId = packet.d.application.id;
      this.readied.add(shardId);
      this.sessions.ready({ user: packet.d.user, application: packet.d.application });
      return;
    }
    const ctx: TranslateContext = {
      botUserId: this.botUserId,
      parentOf: this.parentOf,
      receivedAt: new Date(),
      sessionId,
      seq: packet.s,
    };
    const out = translateDispatch(packet, ctx);
    if (out.kind === 'none') {
      // Nothing of it goes to the stream; with nothing queued before it, a RESUME may start after it.
      if (sessionId !== undefined && this.batcher.idle)
        this.sessions.markPublished(shardId, sessionId, packet.s);
      return;
    }
    if (out.kind === 'interaction') this.desk.remember(out.event.handle);
    this.batcher.push({
      subject: out.event.subject,
      envelope: out.event.envelope,
      shardId,
      sessionId,
      seq: packet.s,
    });
    // A socket a shard opened while reading was held (a reconnect) is held too.
    if (this.gate.held) this.gate.hold();
    this.hooks.translated?.(out.event.envelope.type);
    if (packet.t === GatewayDispatchEvents.GuildCreate)
      this.hooks.guildAvailable?.(packet.d.id, shardId, sessionId);
  }

  private readonly parentOf = (channelId: string): string | undefined => {
    const channel = this.client.channels.cache.get(channelId);
    return channel?.isThread() ? (channel.parentId ?? undefined) : undefined;
  };
}
