import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import type { GuildRole, GuildRoleModel } from '../domain/guild-roles';

/** The guild's real roles, the bot's own roles, and the guild's settings. */
export async function projectGuilds(tx: Tx, s: string, f: RolesFact): Promise<void> {
  const g = f.guildId;
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
      await tx.query(`DELETE FROM ${s}.guild_roles WHERE guild_id = $1`, [g]);
      for (const role of f.data.roles) await upsertRole(tx, s, g, role);
      return;
    case 'guild.role_upserted':
      await upsertRole(tx, s, g, f.data.role);
      return;
    case 'guild.role_deleted':
      await tx.query(`DELETE FROM ${s}.guild_roles WHERE guild_id = $1 AND role_id = $2`, [g, f.data.roleId]);
      return;
    case 'guild.bot_roles_changed':
      await tx.query(`UPDATE ${s}.guilds SET bot_role_ids = $2 WHERE guild_id = $1`, [g, f.data.botRoleIds]);
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

async function upsertRole(tx: Tx, s: string, g: string, r: GuildRole): Promise<void> {
  await tx.query(
    `INSERT INTO ${s}.guild_roles (guild_id, role_id, name, position, permissions, managed) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (guild_id, role_id) DO UPDATE SET name = $3, position = $4, permissions = $5, managed = $6`,
    [g, r.id, r.name, r.position, r.permissions, r.managed],
  );
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
    `SELECT role_id, name, position, permissions, managed FROM ${s}.guild_roles WHERE guild_id = $1`,
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
