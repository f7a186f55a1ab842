import { discordSubject, DiscordEventType, type MessageCreated } from '@guildhall/contracts';
import { MessageType, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { snowflakeTime } from './snowflake-time';
import { gatewayEnvelope, type TranslateContext, type Translated } from './source';

/** Messages a member wrote; system messages (joins, pins, boosts) are not chat. */
const CHAT_TYPES: ReadonlySet<number> = new Set([MessageType.Default, MessageType.Reply]);

/**
 * MESSAGE_CREATE → `message.created`: who, where and when, never the content. The envelope id
 * is the message id and `occurredAt` the moment Discord minted it (discord.js' createdAt).
 * DMs carry no guild and are skipped.
 */
export function messageCreated(
  d: GatewayMessageCreateDispatchData,
  ctx: TranslateContext,
): Translated<MessageCreated> | undefined {
  if (!d.guild_id || !CHAT_TYPES.has(d.type)) return undefined;
  const data: MessageCreated = {
    messageId: d.id,
    channelId: d.channel_id,
    userId: d.author.id,
    roleIds: d.member?.roles ?? [],
    // A webhook's "author" is the webhook itself, not a member.
    bot: d.author.bot === true || d.webhook_id !== undefined,
  };
  const displayName = d.member?.nick ?? d.author.global_name ?? d.author.username;
  if (displayName) data.displayName = displayName.slice(0, 100);
  const parent = ctx.parentOf?.(d.channel_id);
  if (parent !== undefined) data.parentChannelId = parent;
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.MessageCreated),
    envelope: gatewayEnvelope({
      id: d.id,
      type: DiscordEventType.MessageCreated,
      guildId: d.guild_id,
      occurredAt: snowflakeTime(d.id),
      data,
    }),
  };
}
