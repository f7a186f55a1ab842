import { PermissionFlagsBits } from 'discord-api-types/v10';
import { missingPermissions, unknown } from '../http/api-error';
import type { SimGuild } from '../state/model';
import { canManageRole, hasPermission, highestRolePosition } from '../state/permissions';
import type { SimWorld } from '../state/world';

/** Discord's checks before the bot may touch a role: Manage Roles, and the role strictly below its top role. */
export function assertBotManagesRole(world: SimWorld, guild: SimGuild, roleId: string): void {
  const role = guild.roles.get(roleId);
  if (!role) throw unknown.role();
  if (!hasPermission(guild, world.bot.id, PermissionFlagsBits.ManageRoles)) throw missingPermissions();
  if (role.managed || role.id === guild.id || !canManageRole(guild, world.bot.id, roleId))
    throw missingPermissions();
}

export function assertBotHas(world: SimWorld, guild: SimGuild, permission: bigint): void {
  if (!hasPermission(guild, world.bot.id, permission)) throw missingPermissions();
}

/** Kick, ban and timeout need the bot above the target's top role, and never reach the owner. */
export function assertBotOutranks(world: SimWorld, guild: SimGuild, userId: string): void {
  if (userId === guild.ownerId) throw missingPermissions();
  if (highestRolePosition(guild, world.bot.id) <= highestRolePosition(guild, userId))
    throw missingPermissions();
}
