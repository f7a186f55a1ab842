import { DiscordEventType, type AnyEnvelope } from '@guildhall/contracts';
import { DirectoryWrites, type Queryable } from './directory-writes';

/** What a service's directory consumer reads from DISCORD. member.updated tells when the bot's own roles change. */
export const DIRECTORY_SUBJECTS = [
  'discord.*.guild.synced',
  'discord.*.role.upserted',
  'discord.*.role.deleted',
  'discord.*.channel.upserted',
  'discord.*.channel.deleted',
  'discord.*.member.updated',
];

/** Applies the directory events to the service's own copy, inside the consumer's transaction. */
export class DirectoryProjection {
  private readonly writes: DirectoryWrites;
  private readonly s: string;

  constructor(schema: string) {
    this.writes = new DirectoryWrites(schema);
    this.s = `"${schema}"`;
  }

  /** True when `env` was a directory event (so a shared handler can move on). */
  async apply(tx: Queryable, env: AnyEnvelope): Promise<boolean> {
    const g = env.guildId;
    switch (env.type) {
      case DiscordEventType.GuildSynced: {
        const d = env.data;
        await this.writes.syncGuild(tx, g, {
          botUserId: d.botUserId,
          botRoleIds: d.botRoleIds,
          roles: d.roles,
          channels: d.channels,
          syncedAt: env.occurredAt,
        });
        return true;
      }
      case DiscordEventType.RoleUpserted:
        await this.writes.upsertRole(tx, g, env.data.role);
        return true;
      case DiscordEventType.RoleDeleted:
        await this.writes.deleteRole(tx, g, env.data.roleId);
        return true;
      case DiscordEventType.ChannelUpserted:
        await this.writes.upsertChannel(tx, g, env.data.channel);
        return true;
      case DiscordEventType.ChannelDeleted:
        await this.writes.deleteChannel(tx, g, env.data.channelId);
        return true;
      case DiscordEventType.MemberUpdated: {
        // Only the bot's own roles matter here: they decide which roles it may grant.
        const d = env.data;
        await tx.query(
          `UPDATE ${this.s}.directory_guilds SET bot_role_ids = $3 WHERE guild_id = $1 AND bot_user_id = $2`,
          [g, d.userId, d.roleIds],
        );
        return true;
      }
      default:
        return false;
    }
  }

  /** A consumer `handle` for a service whose directory has a consumer of its own. */
  handler(): (batch: AnyEnvelope[], tx: Queryable) => Promise<void> {
    return async (batch, tx) => {
      for (const env of batch) await this.apply(tx, env);
    };
  }
}
