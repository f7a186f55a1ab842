import { type ChannelFlags, ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
import type { SimGuild, SimMember, SimTextChannel } from './model';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions';
import { buildRole, type RoleInput } from './role-ops';
import type { SimWorld } from './world';

export interface ChannelInput {
  id?: string;
  name: string;
  topic?: string | null;
  position?: number;
}

export interface GuildRoleInput extends RoleInput {
  /** Place this role above the bot's role (to test the hierarchy). */
  aboveBot?: boolean;
}

export interface GuildInput {
  id?: string;
  name: string;
  ownerId?: string;
  ownerName?: string;
  roles?: GuildRoleInput[];
  channels?: (string | ChannelInput)[];
  createdAt?: string;
}

/** What the bot's own managed role holds: enough to run Guildhall, not Administrator. */
export const BOT_ROLE_PERMISSIONS =
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.KickMembers |
  PermissionFlagsBits.ModerateMembers |
  PermissionFlagsBits.UseApplicationCommands;

function buildChannel(world: SimWorld, guild: SimGuild, input: ChannelInput, position: number): SimTextChannel {
  return {
    id: input.id ?? world.ids.next(),
    type: ChannelType.GuildText,
    guild_id: guild.id,
    name: input.name,
    position: input.position ?? position,
    permission_overwrites: [],
    parent_id: null,
    topic: input.topic ?? null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0 as ChannelFlags,
  };
}

export function createGuild(world: SimWorld, input: GuildInput): SimGuild {
  const id = input.id ?? world.ids.next();
  const owner = world.upsertUser({ id: input.ownerId, username: input.ownerName ?? 'guild-owner' });
  const now = input.createdAt ?? new Date().toISOString();
  const guild: SimGuild = {
    id,
    name: input.name,
    ownerId: owner.id,
    createdAt: now,
    roles: new Map(),
    channels: new Map(),
    members: new Map(),
    commands: new Map(),
  };
  guild.roles.set(id, buildRole(id, { name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS }, 0));
  const inputs = input.roles ?? [];
  const ordered = [
    ...inputs.filter((r) => !r.aboveBot),
    { name: world.bot.username, permissions: BOT_ROLE_PERMISSIONS, managed: true, botId: world.bot.id },
    ...inputs.filter((r) => r.aboveBot),
  ];
  const botRole = ordered.map((r, i) => {
    const role = buildRole(r.id ?? world.ids.next(), r, i + 1);
    guild.roles.set(role.id, role);
    return role;
  })[inputs.filter((r) => !r.aboveBot).length];

  const channels = input.channels ?? ['general'];
  channels.forEach((c, i) => {
    const channel = buildChannel(world, guild, typeof c === 'string' ? { name: c } : c, i);
    guild.channels.set(channel.id, channel);
    world.channelGuild.set(channel.id, guild.id);
  });

  const join = (userId: string, roles: string[]): SimMember => ({ userId, roles, joinedAt: now, nick: null, communicationDisabledUntil: null });
  guild.members.set(owner.id, join(owner.id, []));
  guild.members.set(world.bot.id, join(world.bot.id, [botRole.id]));
  world.guilds.set(id, guild);
  world.sink.guildAdded(id);
  return guild;
}

export function createChannel(world: SimWorld, guild: SimGuild, input: ChannelInput): SimTextChannel {
  const channel = buildChannel(world, guild, input, guild.channels.size);
  guild.channels.set(channel.id, channel);
  world.channelGuild.set(channel.id, guild.id);
  world.sink.toGuild(guild.id, GatewayDispatchEvents.ChannelCreate, channel, GatewayIntentBits.Guilds);
  return channel;
}

