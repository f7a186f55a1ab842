import { discordSubject, guildFactId, DiscordEventType, type GuildSynced } from '@guildhall/contracts';
import type { GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { channelInfo } from './channels';
import { roleInfo } from './roles';
import { gatewayEnvelope, receiptOf, type TranslateContext, type Translated } from './source';

/**
 * GUILD_CREATE → `guild.synced`: the whole role and channel lists and the bot's own roles, so
 * services can tell which roles the bot may assign and offer roles and channels by name. Sent for the guilds of READY (each arrives as a
 * GUILD_CREATE) and for guilds joined later; an outage placeholder (`unavailable`) is skipped.
 */
export function guildSynced(
  d: GatewayGuildCreateDispatchData,
  ctx: TranslateContext,
): Translated<GuildSynced> | undefined {
  if (d.unavailable === true || ctx.botUserId === undefined) return undefined;
  const botUserId = ctx.botUserId;
  const me = d.members?.find((m) => m.user?.id === botUserId);
  return {
    subject: discordSubject(d.id, DiscordEventType.GuildSynced),
    envelope: gatewayEnvelope({
      id: guildFactId(d.id, 'synced', receiptOf(ctx)),
      type: DiscordEventType.GuildSynced,
      guildId: d.id,
      occurredAt: ctx.receivedAt,
      data: {
        name: d.name,
        ownerId: d.owner_id,
        botUserId,
        botRoleIds: me?.roles ?? [],
        roles: d.roles.map(roleInfo),
        memberCount: d.member_count ?? d.members?.length ?? 0,
        // Threads are not channels a moderator configures; they arrive in `threads`, not here.
        channels: (d.channels ?? []).map((c) => channelInfo(c)),
      },
    }),
  };
}
