import type { ChannelInfo, RoleInfo } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';

/** A pg pool, client or the consumer's transaction; every write runs inside the caller's transaction. */
export type Queryable = Tx;

/** A role as a service may have stored it; colour is absent in facts recorded before colours were kept. */
export type DirectoryRoleInput = Omit<RoleInfo, 'color'> & { color?: number };

export interface GuildSnapshot {
  botUserId: string;
  botRoleIds: string[];
  roles: DirectoryRoleInput[];
  /** Undefined for syncs recorded before channels were reported: the channels we knew are kept. */
  channels?: ChannelInfo[];
  syncedAt: string;
}

/** The directory writes, bound to one schema. */
export class DirectoryWrites {
  private readonly s: string;

  constructor(schema: string) {
    this.s = `"${schema}"`;
  }

  /** A sync is the whole truth: roles and channels deleted while we were not listening disappear here. */
  async syncGuild(db: Queryable, guildId: string, g: GuildSnapshot): Promise<void> {
    const s = this.s;
    const withChannels = g.channels !== undefined;
    await db.query(
      `INSERT INTO ${s}.directory_guilds (guild_id, bot_user_id, bot_role_ids, channels_known, synced_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (guild_id) DO UPDATE SET bot_user_id = $2, bot_role_ids = $3,
         channels_known = ${s}.directory_guilds.channels_known OR $4, synced_at = greatest(${s}.directory_guilds.synced_at, $5)`,
      [guildId, g.botUserId, g.botRoleIds, withChannels, g.syncedAt],
    );
    await db.query(`DELETE FROM ${s}.directory_roles WHERE guild_id = $1`, [guildId]);
    if (g.roles.length > 0)
      await db.query(
        `INSERT INTO ${s}.directory_roles (guild_id, role_id, name, color, position, permissions, managed)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::boolean[])`,
        [
          guildId,
          g.roles.map((r) => r.id),
          g.roles.map((r) => r.name),
          g.roles.map((r) => r.color ?? 0),
          g.roles.map((r) => r.position),
          g.roles.map((r) => r.permissions),
          g.roles.map((r) => r.managed),
        ],
      );
    if (!g.channels) return;
    await db.query(`DELETE FROM ${s}.directory_channels WHERE guild_id = $1`, [guildId]);
    if (g.channels.length > 0)
      await db.query(
        `INSERT INTO ${s}.directory_channels (guild_id, channel_id, name, type, parent_id, position)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::int[])`,
        [
          guildId,
          g.channels.map((c) => c.id),
          g.channels.map((c) => c.name),
          g.channels.map((c) => c.type),
          g.channels.map((c) => c.parentId ?? null),
          g.channels.map((c) => c.position),
        ],
      );
  }

  async upsertRole(db: Queryable, guildId: string, r: DirectoryRoleInput): Promise<void> {
    await db.query(
      `INSERT INTO ${this.s}.directory_roles (guild_id, role_id, name, color, position, permissions, managed) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (guild_id, role_id) DO UPDATE SET name = $3, color = $4, position = $5, permissions = $6, managed = $7`,
      [guildId, r.id, r.name, r.color ?? 0, r.position, r.permissions, r.managed],
    );
  }

  async deleteRole(db: Queryable, guildId: string, roleId: string): Promise<void> {
    await db.query(`DELETE FROM ${this.s}.directory_roles WHERE guild_id = $1 AND role_id = $2`, [
      guildId,
      roleId,
    ]);
  }

  async setBotRoles(db: Queryable, guildId: string, botRoleIds: string[]): Promise<void> {
    await db.query(`UPDATE ${this.s}.directory_guilds SET bot_role_ids = $2 WHERE guild_id = $1`, [
      guildId,
      botRoleIds,
    ]);
  }

  async upsertChannel(db: Queryable, guildId: string, c: ChannelInfo): Promise<void> {
    await db.query(
      `INSERT INTO ${this.s}.directory_channels (guild_id, channel_id, name, type, parent_id, position) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (guild_id, channel_id) DO UPDATE SET name = $3, type = $4, parent_id = $5, position = $6`,
      [guildId, c.id, c.name, c.type, c.parentId ?? null, c.position],
    );
  }

  async deleteChannel(db: Queryable, guildId: string, channelId: string): Promise<void> {
    await db.query(`DELETE FROM ${this.s}.directory_channels WHERE guild_id = $1 AND channel_id = $2`, [
      guildId,
      channelId,
    ]);
  }
}
