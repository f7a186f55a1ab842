import { DiscordEventType, type EnvelopeOf, type RoleInfo, derivedId } from '@guildhall/contracts';
import type { Fact } from '../domain/facts';
import { proposeSetup, sameProposal } from '../domain/setup-proposal';
import { evolveSetup } from '../projections/guild-setup.projection';
import type { Queryable } from '../projections/queryable';
import type { FactStore } from './fact-store';
import { NOTHING, Plan } from './plan';

/**
 * Keeps what we know of the guild's roles current between two guild.synced: a role we created
 * must be known before setup can tell it is assignable, and a proposal follows renamed roles.
 */
export async function onRoleChanged(
  tx: Queryable,
  store: FactStore,
  env: EnvelopeOf<'role.upserted' | 'role.deleted'>,
): Promise<Plan> {
  const before = await store.projections.setup.load(tx, env.guildId);
  if (before.guild === null) return NOTHING;
  const at = { guildId: env.guildId, occurredAt: env.occurredAt };
  const changed: Fact =
    env.type === DiscordEventType.RoleUpserted
      ? {
          id: derivedId(env.id, 'guild.role_upserted'),
          ...at,
          type: 'guild.role_upserted',
          data: { role: pickRole(env.data.role) },
        }
      : {
          id: derivedId(env.id, 'guild.role_deleted'),
          ...at,
          type: 'guild.role_deleted',
          data: { roleId: env.data.roleId },
        };
  const after = evolveSetup(before, changed);
  if (after.confirmedAt !== null || after.guild === null) return { facts: [changed], actions: [] };
  const proposal = proposeSetup(after.settings, after.guild);
  if (sameProposal(proposal, after.proposal)) return { facts: [changed], actions: [] };
  return {
    facts: [
      changed,
      { id: derivedId(env.id, 'setup.proposed'), ...at, type: 'setup.proposed', data: { proposal } },
    ],
    actions: [],
  };
}

const pickRole = ({ id, name, position, managed, color, permissions }: RoleInfo) => ({
  id,
  name,
  position,
  managed,
  color,
  permissions,
});
