import { derivedId, type Envelope, type GuildSynced } from '@guildhall/contracts';
import { evolveSetup } from '../projections/guild-setup.projection';
import type { Queryable } from '../projections/queryable';
import type { Fact } from '../domain/facts';
import { guildFacts } from '../domain/setup';
import { proposeSetup, sameProposal } from '../domain/setup-proposal';
import { registerCommands } from './command-registration';
import type { FactStore } from './fact-store';
import { merge, Plan } from './plan';
import { provisionRolesPlan } from './role-provisioning';

/**
 * Every guild the gateway (re)syncs gets our commands registered. A guild no moderator has set
 * up gets a proposal (refreshed while the guild changes) and nothing else: no role is adopted or
 * created and nothing is posted until a moderator confirms. In a set-up guild, what we learn
 * about its roles lets setup adopt existing Pre-Member/Member roles and report permission problems.
 */
export async function onGuildSynced(
  tx: Queryable,
  store: FactStore,
  env: Envelope<GuildSynced>,
): Promise<Plan> {
  const synced: Fact = {
    id: derivedId(env.id, 'guild.synced'),
    guildId: env.guildId,
    occurredAt: env.occurredAt,
    type: 'guild.synced',
    data: guildFacts(env.data),
  };
  const setup = evolveSetup(await store.projections.setup.load(tx, env.guildId), synced);
  const commands: Plan = { facts: [synced], actions: [registerCommands(env)] };
  if (setup.confirmedAt !== null)
    return merge(commands, provisionRolesPlan(setup, env, { create: false, retryFailed: false }));
  const proposal = proposeSetup(setup.settings, synced.data);
  if (sameProposal(proposal, setup.proposal)) return commands;
  const proposed: Fact = {
    id: derivedId(env.id, 'setup.proposed'),
    guildId: env.guildId,
    occurredAt: env.occurredAt,
    type: 'setup.proposed',
    data: { proposal },
  };
  return merge(commands, { facts: [proposed], actions: [] });
}
