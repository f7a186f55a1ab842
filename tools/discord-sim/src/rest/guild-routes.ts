import { PermissionFlagsBits, type APIRole } from 'discord-api-types/v10';
import { missingPermissions, unknown } from '../http/api-error';
import { noContent, ok, route, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';
import { memberChanged, removeMember, setMemberRoles } from '../state/member-ops';
import { guildPayload, memberPayload } from '../state/payloads';
import { memberPermissions } from '../state/permissions';
import { createRole, deleteRole, updateRole, type RoleInput } from '../state/role-ops';
import { assertBotHas, assertBotManagesRole, assertBotOutranks } from './guild-guards';

type MemberPatch = { roles?: string[]; nick?: string | null; communication_disabled_until?: string | null };

export function guildRoutes(sim: SimContext): Route[] {
  const { world } = sim;
  const guildOf = (ctx: RequestContext) => world.guild(ctx.params.guildId);
  const memberOf = (ctx: RequestContext) => {
    const guild = guildOf(ctx);
    const member = world.member(guild, ctx.params.userId);
    return { guild, member, payload: () => memberPayload(member, world.user(member.userId)) };
  };

  const addOrRemoveRole = (adding: boolean) => (ctx: RequestContext) => {
    const { guild, member } = memberOf(ctx);
    assertBotManagesRole(world, guild, ctx.params.roleId);
    const roles = adding
      ? [...member.roles, ctx.params.roleId]
      : member.roles.filter((id) => id !== ctx.params.roleId);
    setMemberRoles(world, guild, member, roles);
    return noContent();
  };

  const patchMember = (ctx: RequestContext) => {
    const { guild, member, payload } = memberOf(ctx);
    const body = (ctx.body ?? {}) as MemberPatch;
    if (body.roles) {
      const changed = [
        ...body.roles.filter((id) => !member.roles.includes(id)),
        ...member.roles.filter((id) => !body.roles?.includes(id)),
      ];
      for (const roleId of changed) assertBotManagesRole(world, guild, roleId);
      member.roles = [...new Set(body.roles)];
    }
    if (body.nick !== undefined) {
      assertBotHas(world, guild, PermissionFlagsBits.ManageNicknames);
      member.nick = body.nick;
    }
    if (body.communication_disabled_until !== undefined) {
      assertBotHas(world, guild, PermissionFlagsBits.ModerateMembers);
      assertBotOutranks(world, guild, member.userId);
      if (memberPermissions(guild, member.userId) & PermissionFlagsBits.Administrator)
        throw missingPermissions();
      member.communicationDisabledUntil = body.communication_disabled_until;
    }
    memberChanged(world, guild, member);
    return ok(payload());
  };

  const createRoleRoute = (ctx: RequestContext) => {
    const guild = guildOf(ctx);
    assertBotHas(world, guild, PermissionFlagsBits.ManageRoles);
    const input = (ctx.body ?? {}) as RoleInput;
    // A bot may not grant permissions it does not hold itself.
    if (BigInt(input.permissions ?? 0) & ~memberPermissions(guild, world.bot.id)) throw missingPermissions();
    return ok(createRole(world, guild, { ...input, position: undefined, managed: false }));
  };

  const roleOf = (ctx: RequestContext): { guild: ReturnType<typeof guildOf>; role: APIRole } => {
    const guild = guildOf(ctx);
    assertBotManagesRole(world, guild, ctx.params.roleId);
    return { guild, role: guild.roles.get(ctx.params.roleId) as APIRole };
  };

  return [
    route('GET', '/guilds/:guildId', (ctx) => ok(guildPayload(guildOf(ctx)))),
    route('GET', '/guilds/:guildId/channels', (ctx) => ok([...guildOf(ctx).channels.values()])),
    route('GET', '/guilds/:guildId/roles', (ctx) => ok([...guildOf(ctx).roles.values()])),
    // The simulator has no threads; the route exists so clients that list them get Discord's shape.
    route('GET', '/guilds/:guildId/threads/active', (ctx) => {
      guildOf(ctx);
      return ok({ threads: [], members: [] });
    }),
    route('POST', '/guilds/:guildId/roles', createRoleRoute),
    route('GET', '/guilds/:guildId/roles/:roleId', (ctx) => {
      const role = guildOf(ctx).roles.get(ctx.params.roleId);
      if (!role) throw unknown.role();
      return ok(role);
    }),
    route('PATCH', '/guilds/:guildId/roles/:roleId', (ctx) => {
      const { guild, role } = roleOf(ctx);
      return ok(updateRole(world, guild, role, { ...((ctx.body ?? {}) as RoleInput), position: undefined }));
    }),
    route('DELETE', '/guilds/:guildId/roles/:roleId', (ctx) => {
      const { guild, role } = roleOf(ctx);
      deleteRole(world, guild, role);
      return noContent();
    }),
    route('GET', '/guilds/:guildId/members', (ctx) => {
      const guild = guildOf(ctx);
      const limit = Math.max(1, Math.min(1000, Number(ctx.query.get('limit') ?? 1)));
      const after = BigInt(ctx.query.get('after') ?? 0);
      const members = [...guild.members.values()]
        .filter((m) => BigInt(m.userId) > after)
        .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
        .slice(0, limit)
        .map((m) => memberPayload(m, world.user(m.userId)));
      return ok(members);
    }),
    route('GET', '/guilds/:guildId/members/search', (ctx) => {
      const guild = guildOf(ctx);
      const query = (ctx.query.get('query') ?? '').toLowerCase();
      const limit = Math.max(1, Math.min(1000, Number(ctx.query.get('limit') ?? 1)));
      const found = [...guild.members.values()]
        .map((m) => ({ m, u: world.user(m.userId) }))
        .filter(
          ({ m, u }) =>
            u.username.toLowerCase().startsWith(query) || (m.nick ?? '').toLowerCase().startsWith(query),
        )
        .slice(0, limit);
      return ok(found.map(({ m, u }) => memberPayload(m, u)));
    }),
    route('GET', '/guilds/:guildId/members/:userId', (ctx) => ok(memberOf(ctx).payload())),
    route('PATCH', '/guilds/:guildId/members/:userId', patchMember),
    route('DELETE', '/guilds/:guildId/members/:userId', (ctx) => {
      const { guild, member } = memberOf(ctx);
      assertBotHas(world, guild, PermissionFlagsBits.KickMembers);
      assertBotOutranks(world, guild, member.userId);
      removeMember(world, guild, member);
      return noContent();
    }),
    route('PUT', '/guilds/:guildId/bans/:userId', (ctx) => {
      const guild = guildOf(ctx);
      assertBotHas(world, guild, PermissionFlagsBits.BanMembers);
      const member = guild.members.get(ctx.params.userId);
      if (member) {
        assertBotOutranks(world, guild, member.userId);
        removeMember(world, guild, member);
      }
      return noContent();
    }),
    route('PUT', '/guilds/:guildId/members/:userId/roles/:roleId', addOrRemoveRole(true)),
    route('DELETE', '/guilds/:guildId/members/:userId/roles/:roleId', addOrRemoveRole(false)),
  ];
}
