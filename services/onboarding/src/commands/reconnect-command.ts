import type { Envelope, InteractionCommand } from '@guildhall/contracts';
import { REPLIES } from '../domain/messages';
import { isModerator } from '../domain/permissions';
import { registerCommands } from '../events/command-registration';
import type { FactStore } from '../events/fact-store';
import { merge, Plan } from '../events/plan';
import { postRulesMessage } from '../events/rules-message';
import type { Queryable } from '../projections/queryable';
import { ephemeralReply } from './reply';

/** /reconnect (moderators): re-registers our commands and re-posts the rules message. */
export async function onReconnectCommand(tx: Queryable, store: FactStore, env: Envelope<InteractionCommand>): Promise<Plan> {
  const setup = await store.projections.setup.load(tx, env.guildId);
  const { permissions, roleIds } = env.data;
  if (!isModerator(permissions, roleIds, setup.settings.modRoleId))
    return { facts: [], actions: [ephemeralReply(env, REPLIES.notModerator)] };
  const repost = postRulesMessage(setup, env);
  return merge(
    { facts: [], actions: [registerCommands(env)] },
    repost,
    { facts: [], actions: [ephemeralReply(env, REPLIES.reconnected(repost.facts.length > 0))] },
  );
}
