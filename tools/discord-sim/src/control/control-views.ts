import type { APIGuildMember, APIRole, APIUser } from 'discord-api-types/v10';
import type { SimChannel, SimGuild } from '../state/model';
import { memberPayload } from '../state/payloads';
import type { SimWorld } from '../state/world';

export interface GuildView {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string | null;
  roles: APIRole[];
  /** Text channels and categories (type 4), in creation order; a category comes before its first channel. */
  channels: SimChannel[];
  members: APIGuildMember[];
  memberCount: number;
}

export function guildView(world: SimWorld, guild: SimGuild, withMembers = true): GuildView {
  const botRole = [...guild.roles.values()].find((r) => r.tags?.bot_id === world.bot.id);
  return {
    id: guild.id,
    name: guild.name,
    ownerId: guild.ownerId,
    botRoleId: botRole?.id ?? null,
    roles: [...guild.roles.values()].sort((a, b) => a.position - b.position),
    channels: [...guild.channels.values()],
    members: withMembers
      ? [...guild.members.values()].map((m) => memberPayload(m, world.users.get(m.userId) as APIUser))
      : [],
    memberCount: guild.members.size,
  };
}
