import type { Envelope, GuildSynced } from '@guildhall/contracts';
import { evolveSetup } from '../projections/guild-setup.projection';
import type { Queryable } from '../projections/queryable';
import type { Fact } from '../domain/facts';
import { guildFacts } from '../domain/setup';
import { registerCommands } from './command-registration';
import type { FactStore } from './fact-store';
import { merge, Plan } from './plan';
import { provisionRolesPlan } from './role-provisioning';

/**
 * Every guild the gateway (re)syncs gets our commands registered; what we learn about its
 * roles lets setup adopt existing Pre-Member/Member roles and report permission problems.
 */
export async function onGuildSynced(tx: Queryable, store: FactStore, env: Envelope<GuildSynced>): Promise<Plan> {
  const synced: Fact = { id: `${env.id}:guild.synced`, guildId: env.guildId, occurredAt: env.occurredAt, type: 'guild.synced', data: guildFacts(env.data) };
  const setup = evolveSetup(await store.projections.setup.load(tx, env.guildId), synced);
  return merge(
    { facts: [synced], actions: [registerCommands(env)] },
    provisionRolesPlan(setup, env, { create: false, retryFailed: false }),
  );
}
