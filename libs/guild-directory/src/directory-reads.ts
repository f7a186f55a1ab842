import type { ChannelInfo } from '@guildhall/contracts';
import type { Queryable } from './directory-writes';
import type { GuildRole, GuildRoleModel } from './guild-roles';

export interface DirectoryRole extends GuildRole {
  color: number;
}

/** Everything a service knows of one guild's roles and channels. */
export interface GuildDirectory {
  guildId: string;
  botUserId: string | null;
  botRoleIds: string[];
  channelsKnown: boolean;
  syncedAt: string;
  roles: DirectoryRole[];
  channels: ChannelInfo[];
}

/** Reads of the directory tables, bound to one schema. */
export class DirectoryReads {
  private readonly s: string;

  constructor(schema: string) {
    this.s = `"${schema}"`;
  }

  /** null when no guild.synced has arrived for the guild yet. */
  async load(db: Queryable, guildId: string): Promise<GuildDirectory | null> {
    const { rows: guilds } = await db.query(
      `SELECT bot_user_id, bot_role_ids, channels_known, synced_at FROM ${this.s}.directory_guilds WHERE guild_id = $1`,
      [guildId],
    );
    const g = guilds[0];
    if (!g) return null;
    const [roles, channels] = await Promise.all([
      db.query(
        `SELECT role_id, name, color, position, permissions, managed FROM ${this.s}.directory_roles WHERE guild_id = $1`,
        [guildId],
      ),
      db.query(
        `SELECT channel_id, name, type, parent_id, position FROM ${this.s}.directory_channels WHERE guild_id = $1`,
        [guildId],
      ),
    ]);
    return {
      guildId,
      botUserId: g.bot_user_id,
      botRoleIds: g.bot_role_ids,
      channelsKnown: g.channels_known,
      syncedAt: new Date(g.synced_at).toISOString(),
      roles: roles.rows.map((r) => ({
        id: r.role_id,
        name: r.name,
        color: r.color,
        position: r.position,
        permissions: r.permissions,
        managed: r.managed,
      })),
      channels: channels.rows.map((c) => ({
        id: c.channel_id,
        name: c.name,
        type: c.type,
        position: c.position,
        ...(c.parent_id ? { parentId: c.parent_id } : {}),
      })),
    };
  }

  /** The guild's roles and the bot's, for the safety check before a grant; null before the first guild.synced. */
  async roleModel(db: Queryable, guildId: string): Promise<GuildRoleModel | null> {
    const dir = await this.load(db, guildId);
    return dir && { roles: new Map(dir.roles.map((r) => [r.id, r])), botRoleIds: dir.botRoleIds };
  }
}
