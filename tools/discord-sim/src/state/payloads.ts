import {
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIGuild,
  type APIGuildMember,
  type APIInteractionDataResolvedGuildMember,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { SimGuild, SimMember } from './model';

export function memberPayload(member: SimMember, user: APIUser): APIGuildMember {
  return {
    user,
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: member.communicationDisabledUntil,
  };
}

/** The member as it appears inside interaction `resolved.members` (no user, no deaf/mute). */
export function resolvedMemberPayload(
  member: SimMember,
  permissions: bigint,
): APIInteractionDataResolvedGuildMember {
  const { user: _user, deaf: _deaf, mute: _mute, ...rest } = memberPayload(member, {} as APIUser);
  return { ...rest, permissions: permissions.toString() };
}

export function guildPayload(guild: SimGuild): APIGuild {
  const general =
    [...guild.channels.values()].find((c) => c.name === 'general') ?? guild.channels.values().next().value;
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    region: 'us-west',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [...guild.roles.values()],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: general?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    approximate_member_count: guild.members.size,
    approximate_presence_count: Math.ceil(guild.members.size / 3),
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null as unknown as GuildHubType,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/**
 * GUILD_CREATE as Discord sends it: every role and channel; members only when the guild is
 * not "large" (more members than the IDENTIFY `large_threshold`), else just the bot, and the
 * client asks for the rest with op 8 REQUEST_GUILD_MEMBERS.
 */
export function guildCreatePayload(
  guild: SimGuild,
  users: ReadonlyMap<string, APIUser>,
  botUserId: string,
  largeThreshold: number,
): GatewayGuildCreateDispatchData {
  const large = guild.members.size > largeThreshold;
  const members: APIGuildMember[] = [];
  for (const member of guild.members.values()) {
    if (large && member.userId !== botUserId) continue;
    const user = users.get(member.userId);
    if (user) members.push(memberPayload(member, user));
  }
  const base = guildPayload(guild);
  delete (base as Partial<APIGuild>).approximate_member_count;
  delete (base as Partial<APIGuild>).approximate_presence_count;
  return {
    ...base,
    joined_at: guild.members.get(botUserId)?.joinedAt ?? guild.createdAt,
    large,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members,
    channels: [...guild.channels.values()].map(({ guild_id: _g, ...channel }) => channel),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
