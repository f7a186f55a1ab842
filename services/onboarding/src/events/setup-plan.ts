import { derivedId } from '@guildhall/contracts';
import type { Fact } from '../domain/facts';
import type { GuildSettings } from '../domain/setup';
import { evolveSetup, type GuildSetup } from '../projections/guild-setup.projection';
import type { Cause } from './outgoing';
import { merge, NOTHING, Plan } from './plan';
import { provisionRolesPlan } from './role-provisioning';
import { postRulesMessage } from './rules-message';

/**
 * Makes settings live, from the dashboard (save or confirm) or from /setup's button: records
 * them, adopts or creates the missing roles and posts the rules message once per channel
 * (/reconnect re-posts it on demand).
 */
export function saveSettingsPlan(
  before: GuildSetup,
  settings: GuildSettings,
  cause: Cause,
  by: string,
  createMissingRoles: boolean,
  restoredFrom?: number,
): Plan {
  const data = { settings, by, ...(restoredFrom === undefined ? {} : { restoredFrom }) };
  const updated: Fact = {
    id: derivedId(cause.id, 'setup.updated'),
    guildId: cause.guildId,
    occurredAt: cause.occurredAt,
    type: 'setup.updated',
    data,
  };
  const after = evolveSetup(before, updated);
  const channelChanged = settings.rulesChannelId !== before.settings.rulesChannelId;
  const neverPosted = before.rulesMessage === null || before.rulesMessage.status === 'failed';
  return merge(
    { facts: [updated], actions: [] },
    provisionRolesPlan(after, cause, { create: createMissingRoles, retryFailed: true }),
    channelChanged || neverPosted ? postRulesMessage(after, cause) : NOTHING,
  );
}
