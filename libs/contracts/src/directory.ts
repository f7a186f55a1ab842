/**
 * `GET /guilds/:guildId/directory` of xp, roles and onboarding: what the service knows of the
 * guild's roles and channels, for pickers. Built by @guildhall/guild-directory.
 */
export interface DirectoryRoleView {
  id: string;
  name: string;
  /** 0 when the role has no colour. */
  color: number;
  position: number;
  managed: boolean;
  /** Whether self-service and level rewards may grant it. */
  assignable: boolean;
  /** Why not, when `assignable` is false: managed, at or above the bot's highest role, dangerous permissions. */
  reason?: string;
}

export interface DirectoryChannelView {
  id: string;
  name: string;
  /** Discord channel type: 0 text, 5 announcement, 15 forum. */
  type: number;
  categoryId: string | null;
  categoryName: string | null;
}

export interface DirectoryCategoryView {
  /** null: the channels outside any category (Discord lists them first). */
  id: string | null;
  name: string | null;
  channels: DirectoryChannelView[];
}

export interface GuildDirectoryResponse {
  guildId: string;
  /** False until the service has received the guild from Discord (a guild.synced): then both lists are empty. */
  known: boolean;
  /** False while the last sync predates channel reporting: `categories` is then empty but not the truth. */
  channelsKnown: boolean;
  syncedAt: string | null;
  /** Highest first, as Discord lists them; @everyone is left out (nobody picks it). */
  roles: DirectoryRoleView[];
  /** Text-like channels grouped under their category, in Discord's order. */
  categories: DirectoryCategoryView[];
}
