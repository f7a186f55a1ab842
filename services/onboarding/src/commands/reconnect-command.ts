import type { Envelope, InteractionCommand } from '@guildhall/contracts';
import { REPLIES } from '../domain/messages';
import { isModerator } from '../domain/permissions';
import { setupProblems } from '../domain/setup';
import { SETUP_REPLIES, setupPageUrl } from '../domain/setup-messages';
import { registerCommands } from '../events/command-registration';
import type { FactStore } from '../events/fact-store';
import { merge, Plan } from '../events/plan';
import { postRulesMessage } from '../events/rules-message';
import type { Queryable } from '../projections/queryable';
import { ephemeralReply } from './reply';

/** /reconnect (moderators): re-registers our commands and re-posts the rules message, or says what setup still lacks. */
export async function onReconnectCommand(
  tx: Queryable,
  store: FactStore,
  env: Envelope<InteractionCommand>,
  dashboardUrl: string,
): Promise<Plan> {
  const setup = await store.projections.setup.load(tx, env.guildId);
  const { permissions, roleIds } = env.data;
  if (!isModerator(permissions, roleIds, setup.settings.modRoleId))
    return { facts: [], actions: [ephemeralReply(env, REPLIES.notModerator)] };
  // Nothing set up yet: posting would put up buttons that cannot work; say what is missing instead.
  if (setup.confirmedAt === null || setup.settings.rulesChannelId === null) {
    const { problems } = setupProblems(
      setup.settings,
      setup.roleRequests,
      setup.guild,
      setup.rulesMessage,
      setup.lastFailure,
    );
    const missing =
      setup.confirmedAt === null
        ? ['a moderator has not confirmed the onboarding setup', ...problems]
        : problems;
    return {
      facts: [],
      actions: [
        registerCommands(env),
        ephemeralReply(env, SETUP_REPLIES.notSetUp(missing, setupPageUrl(dashboardUrl, env.guildId))),
      ],
    };
  }
  const repost = postRulesMessage(setup, env);
  return merge({ facts: [], actions: [registerCommands(env)] }, repost, {
    facts: [],
    actions: [ephemeralReply(env, REPLIES.reconnected(repost.facts.length > 0))],
  });
}
