import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { channelDeleted, channelUpserted } from './channels';
import { guildSynced } from './guild-synced';
import { interactionCreated, type TranslatedInteraction } from './interactions';
import { memberJoined, memberLeft, memberUpdated } from './members';
import { messageCreated } from './message-created';
import { roleDeleted, roleUpserted } from './roles';
import type { TranslateContext, Translated } from './source';

export type DispatchTranslation =
  | { kind: 'event'; event: Translated }
  | { kind: 'interaction'; event: TranslatedInteraction }
  | { kind: 'none' };

const NONE: DispatchTranslation = { kind: 'none' };
const event = (e: Translated | undefined): DispatchTranslation => (e ? { kind: 'event', event: e } : NONE);

/** One raw gateway dispatch → at most one contract event. Pure; the connection supplies the context. */
export function translateDispatch(
  packet: GatewayDispatchPayload,
  ctx: TranslateContext,
): DispatchTranslation {
  switch (packet.t) {
    case GatewayDispatchEvents.MessageCreate:
      return event(messageCreated(packet.d, ctx));
    case GatewayDispatchEvents.GuildMemberAdd:
      return event(memberJoined(packet.d, ctx));
    case GatewayDispatchEvents.GuildMemberRemove:
      return event(memberLeft(packet.d, ctx));
    case GatewayDispatchEvents.GuildMemberUpdate:
      return event(memberUpdated(packet.d, ctx));
    case GatewayDispatchEvents.GuildCreate:
      return event(guildSynced(packet.d, ctx));
    case GatewayDispatchEvents.GuildRoleCreate:
    case GatewayDispatchEvents.GuildRoleUpdate:
      return event(roleUpserted(packet.d, ctx));
    case GatewayDispatchEvents.GuildRoleDelete:
      return event(roleDeleted(packet.d, ctx));
    case GatewayDispatchEvents.ChannelCreate:
    case GatewayDispatchEvents.ChannelUpdate:
      return event(channelUpserted(packet.d, ctx));
    case GatewayDispatchEvents.ChannelDelete:
      return event(channelDeleted(packet.d, ctx));
    case GatewayDispatchEvents.InteractionCreate: {
      const i = interactionCreated(packet.d, ctx.receivedAt);
      return i ? { kind: 'interaction', event: i } : NONE;
    }
    default:
      return NONE;
  }
}
