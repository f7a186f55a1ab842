import { botHighestPosition, GuildRoleModel } from './guild-roles';

/**
 * Permissions no self-service role may carry: they let a member moderate or reshape the server.
 * Values from Discord's permission flags (discord-api-types PermissionFlagsBits).
 */
export const DANGEROUS_PERMISSIONS: ReadonlyArray<readonly [string, bigint]> = [
  ['Administrator', 1n << 3n],
  ['Kick Members', 1n << 1n],
  ['Ban Members', 1n << 2n],
  ['Manage Channels', 1n << 4n],
  ['Manage Server', 1n << 5n],
  ['Manage Messages', 1n << 13n],
  ['Manage Nicknames', 1n << 27n],
  ['Manage Roles', 1n << 28n],
  ['Manage Webhooks', 1n << 29n],
  ['Manage Expressions', 1n << 30n],
  ['Manage Events', 1n << 33n],
  ['Manage Threads', 1n << 34n],
  ['Timeout Members', 1n << 40n],
];

export function dangerousPermissionNames(permissions: string): string[] {
  const bits = BigInt(permissions);
  return DANGEROUS_PERMISSIONS.filter(([, bit]) => (bits & bit) !== 0n).map(([name]) => name);
}

/** Why the bot must not hand this role out (or take it away) on a member's say-so; undefined when safe. */
export function unsafeRoleReason(model: GuildRoleModel, roleId: string): string | undefined {
  const role = model.roles.get(roleId);
  if (!role) return 'this role no longer exists in the server';
  if (role.managed) return `${role.name} is managed by an integration and cannot be assigned`;
  if (role.position >= botHighestPosition(model)) return `${role.name} is at or above the bot's highest role`;
  const dangerous = dangerousPermissionNames(role.permissions);
  if (dangerous.length > 0) return `${role.name} grants dangerous permissions (${dangerous.join(', ')})`;
  return undefined;
}
