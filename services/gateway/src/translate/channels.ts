import {
  discordSubject,
  guildFactId,
  DiscordEventType,
  type ChannelDeleted,
  type ChannelInfo,
  type ChannelUpserted,
} from '@guildhall/contracts';
import type {
  APIChannel,
  APIGuildChannel,
  GatewayChannelDeleteDispatchData,
  GatewayChannelModifyDispatchData,
  GuildChannelType,
} from 'discord-api-types/v10';
import { fingerprint } from './fingerprint';
import { gatewayEnvelope, receiptOf, type TranslateContext, type Translated } from './source';

type GuildChannel = APIGuildChannel<GuildChannelType> & { guild_id?: string; position?: number };

/** What services keep of a channel: enough to list it by name under its category. */
export function channelInfo(channel: GuildChannel): ChannelInfo {
  const info: ChannelInfo = {
    id: channel.id,
    name: channel.name ?? '',
    type: channel.type,
    position: channel.position ?? 0,
  };
  if (channel.parent_id) info.parentId = channel.parent_id;
  return info;
}

/** Only guild channels belong to a server's directory; DMs and group DMs carry no guild_id. */
function guildChannel(d: APIChannel): (GuildChannel & { guild_id: string }) | undefined {
  const c = d as GuildChannel;
  return typeof c.guild_id === 'string' ? (c as GuildChannel & { guild_id: string }) : undefined;
}

/** CHANNEL_CREATE / CHANNEL_UPDATE → `channel.upserted`. */
export function channelUpserted(
  d: GatewayChannelModifyDispatchData,
  ctx: TranslateContext,
): Translated<ChannelUpserted> | undefined {
  const c = guildChannel(d);
  if (!c) return undefined;
  const channel = channelInfo(c);
  return {
    subject: discordSubject(c.guild_id, DiscordEventType.ChannelUpserted),
    envelope: gatewayEnvelope({
      id: guildFactId(
        c.guild_id,
        'channel',
        channel.id,
        receiptOf(ctx),
        fingerprint(JSON.stringify(channel)),
      ),
      type: DiscordEventType.ChannelUpserted,
      guildId: c.guild_id,
      occurredAt: ctx.receivedAt,
      data: { channel },
    }),
  };
}

/** CHANNEL_DELETE → `channel.deleted`; a channel is deleted once, so its id alone keys the fact. */
export function channelDeleted(
  d: GatewayChannelDeleteDispatchData,
  ctx: TranslateContext,
): Translated<ChannelDeleted> | undefined {
  const c = guildChannel(d);
  if (!c) return undefined;
  return {
    subject: discordSubject(c.guild_id, DiscordEventType.ChannelDeleted),
    envelope: gatewayEnvelope({
      id: guildFactId(c.guild_id, 'channel', c.id, 'deleted'),
      type: DiscordEventType.ChannelDeleted,
      guildId: c.guild_id,
      occurredAt: ctx.receivedAt,
      data: { channelId: c.id },
    }),
  };
}
