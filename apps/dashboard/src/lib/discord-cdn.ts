/** https://discord.com/developers/docs/reference#image-formatting */
export function avatarUrl(userId: string, hash: string | null | undefined, size = 128): string | null {
  return hash ? `https://cdn.discordapp.com/avatars/${userId}/${hash}.png?size=${size}` : null;
}

export function guildIconUrl(guildId: string, hash: string | null | undefined, size = 96): string | null {
  return hash ? `https://cdn.discordapp.com/icons/${guildId}/${hash}.png?size=${size}` : null;
}
