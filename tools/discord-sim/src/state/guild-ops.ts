import {
  type ChannelFlags,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { SimChannel, SimGuild, SimMember } from './model';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions';
import { buildRole, type RoleInput } from './role-ops';
import type { SimWorld } from './world';

export interface ChannelInput {
  id?: string;
  name: string;
  /** 'text' (default) or 'category' (type 4), by name or Discord's number. */
  type?: 'text' | 'category' | 0 | 4;
  /** The category this text channel sits in, by name or id; a named category that does not exist yet is created. */
  category?: string;
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

const isCategory = (input: ChannelInput) =>
  input.type === 'category' || input.type === ChannelType.GuildCategory;

function buildChannel(
  world: SimWorld,
  guild: SimGuild,
  input: ChannelInput,
  position: number,
  parentId: string | null,
): SimChannel {
  const common = {
    id: input.id ?? world.ids.next(),
    guild_id: guild.id,
    name: input.name,
    position: input.position ?? position,
    permission_overwrites: [],
    flags: 0 as ChannelFlags,
  };
  if (isCategory(input)) return { ...common, type: ChannelType.GuildCategory, parent_id: null, nsfw: false };
  return {
    ...common,
    type: ChannelType.GuildText,
    parent_id: parentId,
    topic: input.topic ?? null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
  };
}

/** The category a channel input names (by id or name), created first when it is a new name. */
function parentFor(
  world: SimWorld,
  guild: SimGuild,
  input: ChannelInput,
  created: SimChannel[],
): string | null {
  if (!input.category || isCategory(input)) return null;
  const categories = [...guild.channels.values()].filter((c) => c.type === ChannelType.GuildCategory);
  const found =
    categories.find((c) => c.id === input.category) ?? categories.find((c) => c.name === input.category);
  if (found) return found.id;
  const category = addChannel(world, guild, { name: input.category, type: 'category' }, null);
  created.push(category);
  return category.id;
}

function addChannel(
  world: SimWorld,
  guild: SimGuild,
  input: ChannelInput,
  parentId: string | null,
): SimChannel {
  const siblings = [...guild.channels.values()].filter(
    (c) => (c.type === ChannelType.GuildCategory) === isCategory(input) && (c.parent_id ?? null) === parentId,
  );
  const channel = buildChannel(world, guild, input, siblings.length, parentId);
  guild.channels.set(channel.id, channel);
  world.channelGuild.set(channel.id, guild.id);
  return channel;
}

/** Adds a channel (and the category it names, if new); returns what was created, categories first. */
export function addChannels(world: SimWorld, guild: SimGuild, input: ChannelInput): SimChannel[] {
  const created: SimChannel[] = [];
  const parentId = parentFor(world, guild, input, created);
  created.push(addChannel(world, guild, input, parentId));
  return created;
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
  for (const c of channels) addChannels(world, guild, typeof c === 'string' ? { name: c } : c);

  const join = (userId: string, roles: string[]): SimMember => ({
    userId,
    roles,
    joinedAt: now,
    nick: null,
    communicationDisabledUntil: null,
  });
  guild.members.set(owner.id, join(owner.id, []));
  guild.members.set(world.bot.id, join(world.bot.id, [botRole.id]));
  world.guilds.set(id, guild);
  world.sink.guildAdded(id);
  return guild;
}

/** A new channel (and its new category) as CHANNEL_CREATE dispatches, categories first as Discord requires a parent to exist. */
export function createChannel(world: SimWorld, guild: SimGuild, input: ChannelInput): SimChannel {
  const created = addChannels(world, guild, input);
  for (const channel of created)
    world.sink.toGuild(guild.id, GatewayDispatchEvents.ChannelCreate, channel, GatewayIntentBits.Guilds);
  return created[created.length - 1];
}
