import type { EnvelopeOf } from '@guildhall/contracts';
import { unsafeRoleReason, type GuildRole, type GuildRoleModel } from '@guildhall/guild-directory';
import { Routes, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import type { Client, Guild, REST } from 'discord.js';

/** The roles as the gateway's own copy of Discord sees them, for the same check the services make. */
export function roleModelFromCache(guild: Guild): GuildRoleModel | undefined {
  const me = guild.members.me;
  if (!me) return undefined;
  return {
    roles: new Map(
      guild.roles.cache.map((r): [string, GuildRole] => [
        r.id,
        // rawPosition is Discord's own number, the one the services compare.
        {
          id: r.id,
          name: r.name,
          position: r.rawPosition,
          permissions: r.permissions.bitfield.toString(),
          managed: r.managed,
        },
      ]),
    ),
    botRoleIds: [...me.roles.cache.keys()],
  };
}

/** The same from Discord's REST answers (GET /guilds/{g}/roles and the bot's member). */
export function roleModelFromApi(roles: readonly APIRole[], botRoleIds: readonly string[]): GuildRoleModel {
  return {
    roles: new Map(
      roles.map((r): [string, GuildRole] => [
        r.id,
        { id: r.id, name: r.name, position: r.position, permissions: r.permissions, managed: r.managed },
      ]),
    ),
    botRoleIds: [...botRoleIds],
  };
}

/**
 * The gateway's own check before a role.add the bot makes on its own (self-service, a reward,
 * onboarding, enforcement, or unmarked): the services checked when they decided, but the role may
 * have changed since (an admin gave it Manage Messages while the action waited in ACTIONS), so it
 * is judged again on the live role. Only a moderator's grant is left to Discord's own hierarchy.
 */
export class RoleGrantSafety {
  constructor(private readonly client: Client) {}

  /** Why this grant must not run; undefined when it may. Discord errors (fallback reads) propagate. */
  async refusal(action: EnvelopeOf<'role.add'>): Promise<string | undefined> {
    const { grant, roleId } = action.data;
    if (grant === 'moderator') return undefined;
    const unsafe = unsafeRoleReason(await this.model(action.guildId), roleId);
    return unsafe && `refused ${grant ?? 'automatic'} grant: ${unsafe}`;
  }

  private async model(guildId: string): Promise<GuildRoleModel> {
    const guild = this.client.guilds.cache.get(guildId);
    const cached = guild && roleModelFromCache(guild);
    if (cached) return cached;
    // Every gateway process reads every guild's actions; this guild's shard is another process's.
    const botId = this.client.user?.id;
    if (!botId) throw new Error('the bot user is not known before READY');
    const rest: REST = this.client.rest;
    const [roles, me] = await Promise.all([
      rest.get(Routes.guildRoles(guildId)) as Promise<APIRole[]>,
      rest.get(Routes.guildMember(guildId, botId)) as Promise<APIGuildMember>,
    ]);
    return roleModelFromApi(roles, me.roles);
  }
}
