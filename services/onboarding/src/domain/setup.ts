import { dangerousPermissionNames } from '@guildhall/guild-directory';
import { hasPermission, MANAGE_ROLES } from './permissions';
import type { GuildChannel } from './setup-proposal';

export type RoleSlot = 'preMember' | 'member';
export const ROLE_SLOTS: readonly RoleSlot[] = ['preMember', 'member'];

/** A guild's onboarding settings, as moderators configure them. */
export interface GuildSettings {
  rulesChannelId: string | null;
  /** Where joins are greeted; the rules channel when null. */
  welcomeChannelId: string | null;
  preMemberRoleId: string | null;
  memberRoleId: string | null;
  modRoleId: string | null;
  preMemberRoleName: string;
  memberRoleName: string;
  /** `{user}` becomes a mention of the new member, `{rules}` a link to the rules channel. */
  welcomeText: string;
  /** Whether a member who left and came back must agree again. */
  restartOnRejoin: boolean;
  /** Whether a new rules version sends members who agreed to an older one back to Pre-Member, to agree again. */
  reagreeOnNewVersion: boolean;
}

export const DEFAULT_SETTINGS: GuildSettings = {
  rulesChannelId: null,
  welcomeChannelId: null,
  preMemberRoleId: null,
  memberRoleId: null,
  modRoleId: null,
  preMemberRoleName: 'Pre-Member',
  memberRoleName: 'Member',
  welcomeText: 'Welcome {user}! Read the rules in {rules} and press **I Agree** to unlock the server.',
  restartOnRejoin: false,
  reagreeOnNewVersion: false,
};

export const roleIdOf = (s: GuildSettings, slot: RoleSlot): string | null =>
  slot === 'preMember' ? s.preMemberRoleId : s.memberRoleId;
export const roleNameOf = (s: GuildSettings, slot: RoleSlot): string =>
  slot === 'preMember' ? s.preMemberRoleName : s.memberRoleName;

/** The state of asking Discord for a role this service needs. */
export type RoleRequest =
  | { status: 'creating'; actionId: string; name: string }
  | { status: 'failed'; actionId: string; name: string; error: string; httpStatus: number | null };

export interface GuildRole {
  id: string;
  name: string;
  position: number;
  managed: boolean;
  /** For pickers; absent in facts recorded before it was kept. */
  color?: number;
  /** Decimal permission bitfield; absent in facts recorded before it was kept. */
  permissions?: string;
}

/** What the role grants beyond a member's permissions; null when not known (an older fact). */
export function dangerousPermissionsOf(role: GuildRole): string[] | null {
  return role.permissions === undefined ? null : dangerousPermissionNames(role.permissions);
}

/** A role adopted by its name alone must give nothing beyond a member's, known for sure. */
const adoptable = (role: GuildRole): boolean => !role.managed && dangerousPermissionsOf(role)?.length === 0;

/** What the last guild.synced told us about the guild and the bot in it. */
export interface GuildFacts {
  name: string;
  roles: GuildRole[];
  botCanManageRoles: boolean;
  botTopPosition: number;
  /** Absent in facts recorded before the gateway reported channels. */
  channels?: GuildChannel[];
  /** The bot's own roles, so its top position can follow role moves; absent in older facts. */
  botRoleIds?: string[];
}

/** The guild after one of its roles was created, moved or deleted: roles shift, and the bot's top position with them. */
export function withRoles(guild: GuildFacts, roles: GuildRole[]): GuildFacts {
  const sorted = [...roles].sort((a, b) => a.position - b.position);
  const mine = guild.botRoleIds ? sorted.filter((r) => guild.botRoleIds?.includes(r.id)) : [];
  const botTopPosition = mine.length > 0 ? Math.max(...mine.map((r) => r.position)) : guild.botTopPosition;
  return { ...guild, roles: sorted, botTopPosition };
}

export function guildFacts(synced: {
  name: string;
  botRoleIds: string[];
  roles: (GuildRole & { permissions: string; color?: number })[];
  channels?: { id: string; name: string; type: number; parentId?: string; position: number }[];
}): GuildFacts {
  const botRoles = synced.roles.filter((r) => synced.botRoleIds.includes(r.id));
  return {
    name: synced.name,
    roles: synced.roles.map(({ id, name, position, managed, color, permissions }) => ({
      id,
      name,
      position,
      managed,
      permissions,
      ...(color !== undefined ? { color } : {}),
    })),
    channels: (synced.channels ?? []).map(({ id, name, type, parentId, position }) => ({
      id,
      name,
      type,
      parentId: parentId ?? null,
      position,
    })),
    botCanManageRoles: botRoles.some((r) => hasPermission(r.permissions, MANAGE_ROLES)),
    botTopPosition: botRoles.reduce((top, r) => Math.max(top, r.position), 0),
    botRoleIds: [...synced.botRoleIds],
  };
}

export type RoleProvisioning =
  { kind: 'adopt'; slot: RoleSlot; roleId: string } | { kind: 'create'; slot: RoleSlot; name: string };

/**
 * For each role slot without an id: adopt a role of that name the guild already has, else ask
 * Discord to create it, unless a creation is already under way. A failed creation is retried
 * only when a moderator saves the setup again (`retryFailed`), never in a loop. A same-named role
 * that grants more than a member's permissions (a vetted "Member" with extra access) is never
 * adopted: everyone who clicks I Agree would get it.
 */
export function provisionRoles(
  settings: GuildSettings,
  requests: Partial<Record<RoleSlot, RoleRequest>>,
  guild: GuildFacts | null,
  retryFailed: boolean,
): RoleProvisioning[] {
  const out: RoleProvisioning[] = [];
  for (const slot of ROLE_SLOTS) {
    if (roleIdOf(settings, slot) !== null) continue;
    const name = roleNameOf(settings, slot);
    const existing = guild?.roles.find((r) => adoptable(r) && r.name.toLowerCase() === name.toLowerCase());
    if (existing) {
      out.push({ kind: 'adopt', slot, roleId: existing.id });
      continue;
    }
    const request = requests[slot];
    if (request?.status === 'creating') continue;
    if (request?.status === 'failed' && !retryFailed) continue;
    out.push({ kind: 'create', slot, name });
  }
  return out;
}

/** Discord's JSON error code for a missing permission. */
const MISSING_PERMISSIONS = 50013;

/** Turns a gateway failure into words a moderator can act on; `needs` says which permission would help. */
export function explainFailure(error: string, httpStatus: number | null, needs: string): string {
  if (httpStatus === 403 || error.includes(String(MISSING_PERMISSIONS)) || /missing permissions/i.test(error))
    return `the bot lacks permission (${error}); ${needs}, then save the setup again`;
  return error;
}

/** The latest failure of an action we did not wait for, e.g. giving a member Pre-Member. */
export interface ActionFailure {
  kind: string;
  error: string;
  httpStatus: number | null;
  at: string;
}

export type RulesMessageState =
  | { status: 'posting'; channelId: string; actionId: string }
  | { status: 'posted'; channelId: string; actionId: string; messageId: string | null }
  | { status: 'failed'; channelId: string; actionId: string; error: string; httpStatus: number | null };

export interface SetupSummary {
  ready: boolean;
  problems: string[];
}

/** What still stops onboarding from working in this guild, in words for the setup page. */
export function setupProblems(
  settings: GuildSettings,
  requests: Partial<Record<RoleSlot, RoleRequest>>,
  guild: GuildFacts | null,
  rulesMessage: RulesMessageState | null,
  lastFailure: ActionFailure | null = null,
): SetupSummary {
  const problems: string[] = [];
  if (settings.rulesChannelId === null) problems.push('no rules channel is configured');
  for (const slot of ROLE_SLOTS) {
    const label = roleNameOf(settings, slot);
    const id = roleIdOf(settings, slot);
    const request = requests[slot];
    if (id === null && request?.status === 'failed')
      problems.push(
        `the ${label} role could not be created: ${explainFailure(request.error, request.httpStatus, 'give it Manage Roles')}`,
      );
    else if (id === null && request?.status === 'creating')
      problems.push(`the ${label} role is being created`);
    else if (id === null) problems.push(`the ${label} role is not configured`);
    else if (guild) {
      const role = guild.roles.find((r) => r.id === id);
      if (!role) problems.push(`the ${label} role (${id}) does not exist in the guild`);
      else if (role.position >= guild.botTopPosition)
        problems.push(`the bot's highest role is not above ${label}, so it cannot assign it`);
      else if (dangerousPermissionsOf(role)?.length)
        problems.push(
          `${role.name} grants dangerous permissions (${dangerousPermissionsOf(role)!.join(', ')}), so onboarding does not give it to anyone`,
        );
    }
  }
  if (guild && !guild.botCanManageRoles) problems.push('the bot lacks the Manage Roles permission');
  if (rulesMessage?.status === 'failed')
    problems.push(
      `the rules message could not be posted: ${explainFailure(rulesMessage.error, rulesMessage.httpStatus, 'let it view and send messages in the rules channel')}`,
    );
  if (lastFailure)
    problems.push(
      `the last ${lastFailure.kind} failed at ${lastFailure.at}: ${explainFailure(lastFailure.error, lastFailure.httpStatus, 'check its permissions and role position')}`,
    );
  return { ready: problems.length === 0, problems };
}
