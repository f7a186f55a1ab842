import { ActionType, derivedId } from '@guildhall/contracts';
import type { Fact } from '../domain/facts';
import { provisionRoles } from '../domain/setup';
import type { GuildSetup } from '../projections/guild-setup.projection';
import { action, actionId, Cause } from './outgoing';
import { merge, NOTHING, Plan } from './plan';

/** Adopts same-named roles the guild has; asks Discord to create the rest (when `create`). */
export function provisionRolesPlan(
  setup: GuildSetup,
  cause: Cause,
  opts: { create: boolean; retryFailed: boolean },
): Plan {
  const steps = provisionRoles(setup.settings, setup.roleRequests, setup.guild, opts.retryFailed);
  return merge(
    NOTHING,
    ...steps.map((step): Plan => {
      const at = { guildId: cause.guildId, occurredAt: cause.occurredAt };
      if (step.kind === 'adopt') {
        const fact: Fact = {
          id: derivedId(cause.id, `role.adopted.${step.slot}`),
          ...at,
          type: 'role.assigned',
          data: { slot: step.slot, roleId: step.roleId, how: 'adopted' },
        };
        return { facts: [fact], actions: [] };
      }
      if (!opts.create) return NOTHING;
      const purpose = `role.create.${step.slot}`;
      const fact: Fact = {
        id: derivedId(cause.id, `role.requested.${step.slot}`),
        ...at,
        type: 'role.requested',
        data: { slot: step.slot, name: step.name, actionId: actionId(cause, purpose) },
      };
      return {
        facts: [fact],
        actions: [
          action(cause, purpose, ActionType.RoleCreate, {
            name: step.name,
            permissions: '0',
            reason: 'Guildhall onboarding',
          }),
        ],
      };
    }),
  );
}
