import { ActionType, derivedId } from '@guildhall/contracts';
import { unsafeRoleReason, type GuildRoleModel } from '@guildhall/guild-directory';
import { action, actionId, type Cause } from './outgoing';
import type { Plan } from './plan';

export interface RoleGrantInput {
  userId: string;
  roleId: string;
  reason: string;
}

/** Why onboarding must not give this role now, judged on the guild's roles as they are; undefined when safe. */
export function grantRefusal(model: GuildRoleModel | null, roleId: string): string | undefined {
  if (!model) return "the server's roles are not known yet";
  return unsafeRoleReason(model, roleId);
}

/**
 * A role onboarding gives on its own (Pre-Member on a join, Member on I Agree or a return,
 * Pre-Member again for a new rules version). Sent only when the role is safe to hand out now:
 * a member's permissions only, below the bot, not managed. Otherwise nothing is sent, and an
 * `action.failed` fact puts the reason on the setup page.
 */
export function grantRole(
  model: GuildRoleModel | null,
  cause: Cause,
  purpose: string,
  grant: RoleGrantInput,
): Plan {
  const refused = grantRefusal(model, grant.roleId);
  if (!refused)
    return {
      facts: [],
      actions: [action(cause, purpose, ActionType.RoleAdd, { ...grant, grant: 'onboarding' })],
    };
  return { facts: [refusedGrant(cause, purpose, refused)], actions: [] };
}

/** The fact that a grant was not sent, kept like a failed action so moderators see it. */
export function refusedGrant(cause: Cause, purpose: string, refused: string): Plan['facts'][number] {
  return {
    id: derivedId(cause.id, `${purpose}.refused`),
    guildId: cause.guildId,
    occurredAt: cause.occurredAt,
    type: 'action.failed',
    data: {
      actionId: actionId(cause, purpose),
      kind: ActionType.RoleAdd,
      error: `not given: ${refused}`,
      httpStatus: null,
    },
  };
}
