import {
  discordSubject,
  guildFactId,
  DiscordEventType,
  type MemberJoined,
  type MemberLeft,
  type MemberUpdated,
} from '@guildhall/contracts';
import type {
  GatewayGuildMemberAddDispatchData,
  GatewayGuildMemberRemoveDispatchData,
  GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import { fingerprint } from './fingerprint';
import { gatewayEnvelope, receiptOf, type TranslateContext, type Translated } from './source';

/** GUILD_MEMBER_ADD → `member.joined`, id `<guild>:<user>:<joinedAt ms>` so a replayed join is the same fact. */
export function memberJoined(
  d: GatewayGuildMemberAddDispatchData,
  ctx: TranslateContext,
): Translated<MemberJoined> | undefined {
  if (!d.user) return undefined;
  const joinedAt = d.joined_at ? new Date(d.joined_at) : ctx.receivedAt;
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.MemberJoined),
    envelope: gatewayEnvelope({
      id: guildFactId(d.guild_id, d.user.id, joinedAt.getTime()),
      type: DiscordEventType.MemberJoined,
      guildId: d.guild_id,
      occurredAt: joinedAt,
      data: {
        userId: d.user.id,
        username: d.user.username,
        bot: d.user.bot === true,
        roleIds: d.roles,
        joinedAt: joinedAt.toISOString(),
      },
    }),
  };
}

/** GUILD_MEMBER_REMOVE → `member.left`. Discord gives no time, so the receipt time stands in. */
export function memberLeft(
  d: GatewayGuildMemberRemoveDispatchData,
  ctx: TranslateContext,
): Translated<MemberLeft> {
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.MemberLeft),
    envelope: gatewayEnvelope({
      id: guildFactId(d.guild_id, d.user.id, 'left', receiptOf(ctx)),
      type: DiscordEventType.MemberLeft,
      guildId: d.guild_id,
      occurredAt: ctx.receivedAt,
      data: { userId: d.user.id },
    }),
  };
}

/** GUILD_MEMBER_UPDATE → `member.updated` with the member's full role list (Discord sends all of it). */
export function memberUpdated(
  d: GatewayGuildMemberUpdateDispatchData,
  ctx: TranslateContext,
): Translated<MemberUpdated> {
  const data: MemberUpdated = { userId: d.user.id, roleIds: d.roles };
  if (d.nick) data.nick = d.nick;
  const content = fingerprint(`${[...d.roles].sort().join(',')}|${d.nick ?? ''}`);
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.MemberUpdated),
    envelope: gatewayEnvelope({
      id: guildFactId(d.guild_id, d.user.id, 'updated', receiptOf(ctx), content),
      type: DiscordEventType.MemberUpdated,
      guildId: d.guild_id,
      occurredAt: ctx.receivedAt,
      data,
    }),
  };
}
