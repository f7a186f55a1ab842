import type { Envelope, InteractionCommand } from '@guildhall/contracts';
import { rulesEmbed } from '../domain/messages';
import type { FactStore } from '../events/fact-store';
import type { Plan } from '../events/plan';
import type { Queryable } from '../projections/queryable';
import { ephemeralReply } from './reply';

/** /rules: every rule of the version in force, for the caller only. */
export async function onRulesCommand(
  tx: Queryable,
  store: FactStore,
  env: Envelope<InteractionCommand>,
): Promise<Plan> {
  const rules = await store.projections.ruleSets.current(tx, env.guildId);
  return { facts: [], actions: [ephemeralReply(env, rulesEmbed(rules))] };
}
