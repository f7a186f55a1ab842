import type { EventEmitter } from 'node:events';
import type { Client } from 'discord.js';
import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import type { InteractionDesk } from '../interactions/interaction-desk';
import type { EventBatcher } from '../publishing/event-batcher';
import { translateDispatch } from '../translate/dispatch';
import type { TranslateContext } from '../translate/source';

/**
 * Feeds every raw gateway dispatch through the pure translations into the batcher. Raw
 * dispatches rather than discord.js' events: they arrive before (and regardless of) the
 * client's caches, carry every field the contracts need, and the hot path stays one switch
 * and one small object per message.
 */
export class DispatchListener {
  botUserId: string | undefined;
  applicationId: string | undefined;
  private readonly onRaw = (packet: GatewayDispatchPayload): void => this.handle(packet);

  constructor(
    private readonly client: Client,
    private readonly batcher: EventBatcher,
    private readonly desk: InteractionDesk,
    private readonly onTranslated?: (type: string) => void,
  ) {}

  attach(): void {
    (this.client as unknown as EventEmitter).on('raw', this.onRaw);
  }

  detach(): void {
    (this.client as unknown as EventEmitter).off('raw', this.onRaw);
  }

  handle(packet: GatewayDispatchPayload): void {
    if (packet.t === GatewayDispatchEvents.Ready) {
      this.botUserId = packet.d.user.id;
      this.applicationId = packet.d.application.id;
      return;
    }
    const ctx: TranslateContext = {
      botUserId: this.botUserId,
      parentOf: this.parentOf,
      receivedAt: new Date(),
    };
    const out = translateDispatch(packet, ctx);
    if (out.kind === 'none') return;
    if (out.kind === 'interaction') this.desk.remember(out.event.handle);
    this.batcher.push({ subject: out.event.subject, envelope: out.event.envelope });
    this.onTranslated?.(out.event.envelope.type);
  }

  private readonly parentOf = (channelId: string): string | undefined => {
    const channel = this.client.channels.cache.get(channelId);
    return channel?.isThread() ? (channel.parentId ?? undefined) : undefined;
  };
}
