import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { SimGuild } from './model';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What Discord gives @everyone in a new guild (view, send, history, reactions, connect, speak…). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** Guild-level permissions of a member (channel overwrites are not simulated). */
export function memberPermissions(guild: SimGuild, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  let perms = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member?.roles ?? []) perms |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  return perms & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : perms;
}

export function hasPermission(guild: SimGuild, userId: string, bit: bigint): boolean {
  return (memberPermissions(guild, userId) & bit) === bit;
}

/** Position of the member's highest role; @everyone counts as 0. */
export function highestRolePosition(guild: SimGuild, userId: string): number {
  let top = 0;
  for (const roleId of guild.members.get(userId)?.roles ?? []) {
    top = Math.max(top, guild.roles.get(roleId)?.position ?? 0);
  }
  return top;
}

/** Discord's hierarchy rule: an actor manages a role only when its own top role is strictly higher. */
export function canManageRole(guild: SimGuild, actorId: string, roleId: string): boolean {
  if (guild.ownerId === actorId) return true;
  const role = guild.roles.get(roleId);
  if (!role) return false;
  return highestRolePosition(guild, actorId) > role.position;
}
