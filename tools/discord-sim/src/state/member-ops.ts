import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { ApiError } from '../http/api-error';
import type { SimGuild, SimMember } from './model';
import { memberPayload } from './payloads';
import type { SimWorld } from './world';

export interface MemberInput {
  id?: string;
  username: string;
  globalName?: string | null;
  roles?: string[];
  bot?: boolean;
  joinedAt?: string;
  nick?: string | null;
}

export function addMember(world: SimWorld, guild: SimGuild, input: MemberInput): SimMember {
  const user = world.upsertUser(input);
  if (guild.members.has(user.id)) throw new ApiError(400, 0, `user ${user.id} is already a member`);
  for (const roleId of input.roles ?? [])
    if (!guild.roles.has(roleId)) throw new ApiError(400, 0, `unknown role ${roleId}`);
  const member: SimMember = {
    userId: user.id,
    roles: [...(input.roles ?? [])],
    joinedAt: input.joinedAt ?? new Date().toISOString(),
    nick: input.nick ?? null,
    communicationDisabledUntil: null,
  };
  guild.members.set(user.id, member);
  world.sink.toGuild(
    guild.id,
    GatewayDispatchEvents.GuildMemberAdd,
    { ...memberPayload(member, user), guild_id: guild.id },
    GatewayIntentBits.GuildMembers,
  );
  return member;
}

export function removeMember(world: SimWorld, guild: SimGuild, member: SimMember): void {
  guild.members.delete(member.userId);
  world.sink.toGuild(
    guild.id,
    GatewayDispatchEvents.GuildMemberRemove,
    { guild_id: guild.id, user: world.user(member.userId) },
    GatewayIntentBits.GuildMembers,
  );
}

/** Any change to a member goes out as one GUILD_MEMBER_UPDATE carrying the whole member. */
export function memberChanged(world: SimWorld, guild: SimGuild, member: SimMember): void {
  world.sink.toGuild(
    guild.id,
    GatewayDispatchEvents.GuildMemberUpdate,
    { ...memberPayload(member, world.user(member.userId)), guild_id: guild.id },
    GatewayIntentBits.GuildMembers,
  );
}

export function setMemberRoles(world: SimWorld, guild: SimGuild, member: SimMember, roles: string[]): void {
  const next = [...new Set(roles)].filter((id) => id !== guild.id);
  const same = next.length === member.roles.length && next.every((id) => member.roles.includes(id));
  if (same) return; // Discord sends nothing when a PUT/DELETE changes nothing.
  member.roles = next;
  memberChanged(world, guild, member);
}
