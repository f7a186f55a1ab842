/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const ADMINISTRATOR = 0x8n;
export const MANAGE_GUILD = 0x20n;
export const MANAGE_ROLES = 0x10000000n;

export function hasPermission(bitfield: string, bit: bigint): boolean {
  const bits = BigInt(bitfield);
  return (bits & ADMINISTRATOR) !== 0n || (bits & bit) !== 0n;
}

/** Moderator = Manage Server permission (Administrator implies it) or the guild's configured mod role. */
export function isModerator(permissions: string, roleIds: string[], modRoleId: string | null): boolean {
  return hasPermission(permissions, MANAGE_GUILD) || (modRoleId !== null && roleIds.includes(modRoleId));
}
