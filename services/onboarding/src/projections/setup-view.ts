import { roleIdOf, roleNameOf, ROLE_SLOTS, RoleSlot, setupProblems } from '../domain/setup';
import { confirmationSteps, proposalProblems, proposeSetup } from '../domain/setup-proposal';
import type { GuildSetup } from './guild-setup.projection';

export interface RoleStatus {
  id: string | null;
  name: string;
  status: 'configured' | 'creating' | 'failed' | 'missing';
  error?: string;
}

function roleStatus(setup: GuildSetup, slot: RoleSlot): RoleStatus {
  const id = roleIdOf(setup.settings, slot);
  const name = roleNameOf(setup.settings, slot);
  if (id !== null) return { id, name, status: 'configured' };
  const request = setup.roleRequests[slot];
  if (request?.status === 'creating') return { id, name, status: 'creating' };
  if (request?.status === 'failed') return { id, name, status: 'failed', error: request.error };
  return { id, name, status: 'missing' };
}

export type SetupView = ReturnType<typeof setupView>;

/** The setup page's and /setup's picture of a guild: live settings, or the proposal until a moderator confirms. */
export function setupView(setup: GuildSetup, rulesVersion: number) {
  const summary = setupProblems(
    setup.settings,
    setup.roleRequests,
    setup.guild,
    setup.rulesMessage,
    setup.lastFailure,
  );
  const confirmed = setup.confirmedAt !== null;
  // Computed from what we know now, so the view is current even between two guild.synced.
  const proposal = !confirmed && setup.guild !== null ? proposeSetup(setup.settings, setup.guild) : null;
  return {
    guildId: setup.guildId,
    confirmed,
    confirmedAt: setup.confirmedAt,
    settings: setup.settings,
    roles: Object.fromEntries(ROLE_SLOTS.map((slot) => [slot, roleStatus(setup, slot)])) as Record<
      RoleSlot,
      RoleStatus
    >,
    rulesMessage: setup.rulesMessage,
    lastFailure: setup.lastFailure,
    rulesVersion,
    guildName: setup.guild?.name ?? null,
    ready: summary.ready,
    problems: summary.problems,
    proposal: proposal && {
      ...proposal,
      willDo: confirmationSteps(proposal, setup.guild),
      problems: proposalProblems(proposal, setup.guild),
    },
    updatedAt: setup.updatedAt,
  };
}
