import type { ChannelInfo, RoleRequestOrigin } from '@guildhall/contracts';
import type { DirectoryRoleInput } from '@guildhall/guild-directory';
import { CatalogCategory, CatalogRole } from './catalog';
import { RewardTable } from './level-rewards';
import { DesiredChange, RoleProblem } from './member';
import { OpKind } from './sync-plan';

/**
 * Everything the roles service learned or decided, as appended to `roles_events`. Projections
 * are a function of these alone, so they can be rebuilt by replaying the table.
 */
interface Fact<T extends string, D> {
  /** Stable for the same cause, so a redelivered cause never appends twice. */
  id: string;
  type: T;
  guildId: string;
  occurredAt: string;
  data: D;
}

export type RolesFact =
  // Roles carry their colour, and a sync its channels, since the directory shows them; older facts lack both.
  | Fact<
      'guild.roles_synced',
      { botUserId: string; botRoleIds: string[]; roles: DirectoryRoleInput[]; channels?: ChannelInfo[] }
    >
  | Fact<'guild.role_upserted', { role: DirectoryRoleInput }>
  | Fact<'guild.role_deleted', { roleId: string }>
  | Fact<'guild.channel_upserted', { channel: ChannelInfo }>
  | Fact<'guild.channel_deleted', { channelId: string }>
  | Fact<'guild.bot_roles_changed', { botRoleIds: string[] }>
  | Fact<'guild.rules_published', { version: number; requiresReagreement: boolean }>
  | Fact<'member.roles_observed', { userId: string; roleIds: string[] }>
  | Fact<'member.left', { userId: string }>
  | Fact<'member.level_reached', { userId: string; level: number }>
  | Fact<'member.rules_agreed', { userId: string; rulesVersion: number }>
  | Fact<'catalog.category_saved', CatalogCategory>
  | Fact<'catalog.category_deleted', { categoryId: string }>
  | Fact<'catalog.role_saved', CatalogRole>
  | Fact<'catalog.role_deleted', { roleId: string }>
  | Fact<'settings.changed', { enforce: boolean }>
  | Fact<'rewards.configured', RewardTable & { jobId: string; total: number }>
  | Fact<'rewards.job_advanced', { jobId: string; done: number; cursor: string }>
  | Fact<'rewards.job_finished', { jobId: string }>
  // A newer table's job re-applies everything; the older one stops where it was.
  | Fact<'rewards.job_superseded', { jobId: string; supersededBy: string }>
  | Fact<'request.refused', RequestFactBase & { refusals: RoleProblem[] }>
  | Fact<'request.accepted', RequestFactBase & { changes: DesiredChange[] }>
  | Fact<'desired.reflected', { userId: string; changes: DesiredChange[] }>
  | Fact<
      'op.issued',
      {
        opId: string;
        requestId: string;
        userId: string;
        roleId: string;
        kind: OpKind;
        attempt: number;
        actionId: string;
      }
    >
  /** An operation not sent: the role was no longer safe to grant when it was to be issued. */
  | Fact<
      'op.refused',
      { opId: string; requestId: string; userId: string; roleId: string; kind: OpKind; reason: string }
    >
  | Fact<'op.applied', { opId: string }>
  | Fact<'op.retry_scheduled', { opId: string; retryAt: string; error: string }>
  | Fact<'op.failed', { opId: string; error: string }>
  | Fact<'op.superseded', { opId: string }>;

interface RequestFactBase {
  requestId: string;
  userId: string;
  origin: RoleRequestOrigin;
  add: string[];
  remove: string[];
}

export type RolesFactType = RolesFact['type'];
export type FactOf<T extends RolesFactType> = Extract<RolesFact, { type: T }>;

/** Builds a fact with the type-checked data of its type. */
export function fact<T extends RolesFactType>(
  type: T,
  id: string,
  guildId: string,
  occurredAt: string,
  data: FactOf<T>['data'],
): FactOf<T> {
  return { id, type, guildId, occurredAt, data } as FactOf<T>;
}
