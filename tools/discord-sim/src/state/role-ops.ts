import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type APIRole,
  type RoleFlags,
} from 'discord-api-types/v10';
import type { SimGuild } from './model';
import type { SimWorld } from './world';

export interface RoleInput {
  id?: string;
  name?: string;
  permissions?: string | number | bigint;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  managed?: boolean;
  /** Position among the guild's roles (1 = just above @everyone); default the bottom. */
  position?: number;
  botId?: string;
}

export function buildRole(id: string, input: RoleInput, position: number): APIRole {
  return {
    id,
    name: input.name ?? 'new role',
    color: input.color ?? 0,
    colors: { primary_color: input.color ?? 0, secondary_color: null, tertiary_color: null },
    hoist: input.hoist ?? false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: BigInt(input.permissions ?? 0).toString(),
    managed: input.managed ?? false,
    mentionable: input.mentionable ?? false,
    flags: 0 as RoleFlags,
    ...(input.botId ? { tags: { bot_id: input.botId } } : {}),
  };
}

/** Roles other than @everyone, lowest first (Discord breaks position ties by id). */
function ranked(guild: SimGuild): APIRole[] {
  return [...guild.roles.values()]
    .filter((r) => r.id !== guild.id)
    .sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** Puts `moved` at `position` and renumbers 1..n; returns every other role whose position changed. */
function place(guild: SimGuild, moved: APIRole, position: number): APIRole[] {
  const order = ranked(guild).filter((r) => r.id !== moved.id);
  const index = Math.max(0, Math.min(order.length, position - 1));
  order.splice(index, 0, moved);
  const changed: APIRole[] = [];
  order.forEach((role, i) => {
    if (role.position !== i + 1) {
      role.position = i + 1;
      if (role !== moved) changed.push(role);
    }
  });
  moved.position = index + 1;
  return changed;
}

function dispatchRole(world: SimWorld, guild: SimGuild, event: GatewayDispatchEvents, role: APIRole): void {
  world.sink.toGuild(guild.id, event, { guild_id: guild.id, role }, GatewayIntentBits.Guilds);
}

export function createRole(world: SimWorld, guild: SimGuild, input: RoleInput): APIRole {
  const role = buildRole(input.id ?? world.ids.next(), input, 1);
  guild.roles.set(role.id, role);
  const shifted = place(guild, role, input.position ?? 1);
  dispatchRole(world, guild, GatewayDispatchEvents.GuildRoleCreate, role);
  for (const other of shifted) dispatchRole(world, guild, GatewayDispatchEvents.GuildRoleUpdate, other);
  return role;
}

export function updateRole(world: SimWorld, guild: SimGuild, role: APIRole, patch: RoleInput): APIRole {
  if (patch.name !== undefined) role.name = patch.name;
  if (patch.color !== undefined) role.color = role.colors.primary_color = patch.color;
  if (patch.hoist !== undefined) role.hoist = patch.hoist;
  if (patch.mentionable !== undefined) role.mentionable = patch.mentionable;
  if (patch.permissions !== undefined) role.permissions = BigInt(patch.permissions).toString();
  const shifted =
    patch.position !== undefined && role.id !== guild.id ? place(guild, role, patch.position) : [];
  dispatchRole(world, guild, GatewayDispatchEvents.GuildRoleUpdate, role);
  for (const other of shifted) dispatchRole(world, guild, GatewayDispatchEvents.GuildRoleUpdate, other);
  return role;
}

export function deleteRole(world: SimWorld, guild: SimGuild, role: APIRole): void {
  guild.roles.delete(role.id);
  // Discord sends no member updates for this; clients drop the role from their cache themselves.
  for (const member of guild.members.values()) member.roles = member.roles.filter((id) => id !== role.id);
  world.sink.toGuild(
    guild.id,
    GatewayDispatchEvents.GuildRoleDelete,
    { guild_id: guild.id, role_id: role.id },
    GatewayIntentBits.Guilds,
  );
}
