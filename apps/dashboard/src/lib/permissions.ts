/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
const ADMINISTRATOR = 0x8n;
const MANAGE_GUILD = 0x20n;

/** What a signed-in member may do in one guild; mirrors the service token roles. */
export type GuildRole = 'member' | 'moderator' | 'owner';

/** Owner, Administrator or Manage Server makes a moderator; anyone else is a member. */
export function roleFromDiscord(owner: boolean, permissions: string | undefined): GuildRole {
  if (owner) return 'owner';
  let bits = 0n;
  try {
    bits = BigInt(permissions ?? '0');
  } catch {
    bits = 0n;
  }
  if ((bits & ADMINISTRATOR) !== 0n || (bits & MANAGE_GUILD) !== 0n) return 'moderator';
  return 'member';
}

export function isModerator(role: GuildRole | undefined): boolean {
  return role === 'moderator' || role === 'owner';
}
