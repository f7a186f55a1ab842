import type { Tx } from '@guildhall/eventing';
import { DirectoryWrites } from '@guildhall/guild-directory';
import type { RolesFact } from '../domain/facts';
import type { GuildRoleModel } from '../domain/guild-roles';

/** One per schema: the directory tables are the shared library's, fed here from the fact log so a rebuild restores them. */
const writers = new Map<string, DirectoryWrites>();
const directoryOf = (s: string): DirectoryWrites => {
  let w = writers.get(s);
  if (!w) writers.set(s, (w = new DirectoryWrites(s)));
  return w;
};

/** The guild's real roles and channels (the directory), the bot's own roles, and the guild's settings. */
export async function projectGuilds(tx: Tx, s: string, f: RolesFact): Promise<void> {
  const g = f.guildId;
  const directory = directoryOf(s);
  const ensure = () => tx.query(`INSERT INTO ${s}.guilds (guild_id) VALUES ($1) ON CONFLICT DO NOTHING`, [g]);
  switch (f.type) {
    case 'guild.roles_synced':
      await ensure();
      await tx.query(`UPDATE ${s}.guilds SET bot_user_id = $2, bot_role_ids = $3 WHERE guild_id = $1`, [
        g,
        f.data.botUserId,
        f.data.botRoleIds,
      ]);
      // A sync is the whole truth: roles deleted while we were not listening disappear here.
      await directory.syncGuild(tx, g, { ...f.data, syncedAt: f.occurredAt });
      return;
    case 'guild.role_upserted':
      await directory.upsertRole(tx, g, f.data.role);
      return;
    case 'guild.role_deleted':
      await directory.deleteRole(tx, g, f.data.roleId);
      return;
    case 'guild.channel_upserted':
      await directory.upsertChannel(tx, g, f.data.channel);
      return;
    case 'guild.channel_deleted':
      await directory.deleteChannel(tx, g, f.data.channelId);
      return;
    case 'guild.bot_roles_changed':
      await tx.query(`UPDATE ${s}.guilds SET bot_role_ids = $2 WHERE guild_id = $1`, [g, f.data.botRoleIds]);
      await directory.setBotRoles(tx, g, f.data.botRoleIds);
      return;
    case 'guild.rules_published':
      if (!f.data.requiresReagreement) return;
      await ensure();
      await tx.query(
        `UPDATE ${s}.guilds SET rules_version_required = GREATEST(rules_version_required, $2) WHERE guild_id = $1`,
        [g, f.data.version],
      );
      return;
    case 'settings.changed':
      await ensure();
      await tx.query(`UPDATE ${s}.guilds SET enforce = $2 WHERE guild_id = $1`, [g, f.data.enforce]);
      return;
    default:
      return;
  }
}

export interface GuildState {
  model: GuildRoleModel;
  botUserId: string | null;
  enforce: boolean;
  rulesVersionRequired: number;
  known: boolean;
}

export async function loadGuild(tx: Tx, s: string, guildId: string): Promise<GuildState> {
  const guild = await tx.query(`SELECT * FROM ${s}.guilds WHERE guild_id = $1`, [guildId]);
  const roles = await tx.query(
    `SELECT role_id, name, position, permissions, managed FROM ${s}.directory_roles WHERE guild_id = $1`,
    [guildId],
  );
  const row = guild.rows[0];
  return {
    model: {
      roles: new Map(
        roles.rows.map((r) => [
          r.role_id,
          {
            id: r.role_id,
            name: r.name,
            position: r.position,
            permissions: r.permissions,
            managed: r.managed,
          },
        ]),
      ),
      botRoleIds: row?.bot_role_ids ?? [],
    },
    botUserId: row?.bot_user_id ?? null,
    enforce: row?.enforce ?? false,
    rulesVersionRequired: row?.rules_version_required ?? 0,
    known: roles.rows.length > 0,
  };
}
