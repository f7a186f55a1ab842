import { discordSubject, DiscordEventType, type ChannelInfo, type GuildSynced } from '@guildhall/contracts';
import type { APIChannel, GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { roleInfo } from './roles';
import { gatewayEnvelope, type TranslateContext, type Translated } from './source';

/**
 * GUILD_CREATE → `guild.synced`: the whole role list and the bot's own roles, so services can
 * tell which roles the bot may assign. Sent for the guilds of READY (each arrives as a
 * GUILD_CREATE) and for guilds joined later; an outage placeholder (`unavailable`) is skipped.
 */
export function guildSynced(d: GatewayGuildCreateDispatchData, ctx: TranslateContext): Translated<GuildSynced> | undefined {
  if (d.unavailable === true || ctx.botUserId === undefined) return undefined;
  const botUserId = ctx.botUserId;
  const me = d.members?.find((m) => m.user?.id === botUserId);
  return {
    subject: discordSubject(d.id, DiscordEventType.GuildSynced),
    envelope: gatewayEnvelope({
      id: `${d.id}:synced:${ctx.receivedAt.getTime()}`,
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
        channels: (d.channels ?? []).map(channelInfo),
      },
    }),
  };
}

/** Names and places of the guild's channels, so services can offer them by name instead of by id. */
function channelInfo(c: APIChannel): ChannelInfo {
  const parentId = 'parent_id' in c && c.parent_id ? c.parent_id : undefined;
  const position = 'position' in c && typeof c.position === 'number' ? c.position : 0;
  return { id: c.id, name: ('name' in c && c.name) || '', type: c.type, ...(parentId ? { parentId } : {}), position };
}
