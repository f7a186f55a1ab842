import {
  discordSubject,
  guildFactId,
  DiscordEventType,
  type RoleDeleted,
  type RoleInfo,
  type RoleUpserted,
} from '@guildhall/contracts';
import type {
  APIRole,
  GatewayGuildRoleDeleteDispatchData,
  GatewayGuildRoleModifyDispatchData,
} from 'discord-api-types/v10';
import { fingerprint } from './fingerprint';
import { gatewayEnvelope, receiptOf, type TranslateContext, type Translated } from './source';

export function roleInfo(role: APIRole): RoleInfo {
  return {
    id: role.id,
    name: role.name,
    position: role.position,
    permissions: role.permissions,
    managed: role.managed,
    // Discord moved colours into `colors`; older payloads (and the simulator) may only send `color`.
    color: role.colors?.primary_color ?? role.color ?? 0,
  };
}

/** GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE → `role.upserted`. */
export function roleUpserted(
  d: GatewayGuildRoleModifyDispatchData,
  ctx: TranslateContext,
): Translated<RoleUpserted> {
  const role = roleInfo(d.role);
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.RoleUpserted),
    envelope: gatewayEnvelope({
      id: guildFactId(d.guild_id, 'role', role.id, receiptOf(ctx), fingerprint(JSON.stringify(role))),
      type: DiscordEventType.RoleUpserted,
      guildId: d.guild_id,
      occurredAt: ctx.receivedAt,
      data: { role },
    }),
  };
}

/** GUILD_ROLE_DELETE → `role.deleted`; a role is deleted once, so its id alone keys the fact. */
export function roleDeleted(
  d: GatewayGuildRoleDeleteDispatchData,
  ctx: TranslateContext,
): Translated<RoleDeleted> {
  return {
    subject: discordSubject(d.guild_id, DiscordEventType.RoleDeleted),
    envelope: gatewayEnvelope({
      id: guildFactId(d.guild_id, 'role', d.role_id, 'deleted'),
      type: DiscordEventType.RoleDeleted,
      guildId: d.guild_id,
      occurredAt: ctx.receivedAt,
      data: { roleId: d.role_id },
    }),
  };
}
