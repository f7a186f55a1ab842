import type { Envelope, InteractionCommand, InteractionComponent } from '@guildhall/contracts';
import { RULES_CHANNEL_OPTION } from '../domain/commands';
import { isModerator } from '../domain/permissions';
import { confirmChannelOf, SETUP_REPLIES, setupMessage, setupPageUrl } from '../domain/setup-messages';
import { confirmedSettings, unknownTarget } from '../domain/setup-proposal';
import type { FactStore } from '../events/fact-store';
import { merge, Plan } from '../events/plan';
import { saveSettingsPlan } from '../events/setup-plan';
import type { Queryable } from '../projections/queryable';
import { setupView } from '../projections/setup-view';
import { ephemeralReply } from './reply';

const reply = (
  env: Envelope<InteractionCommand | InteractionComponent>,
  body: Parameters<typeof ephemeralReply>[1],
): Plan => ({
  facts: [],
  actions: [ephemeralReply(env, body)],
});

/** /setup (moderators): the live setup or the proposal, for the caller only, with a Confirm button. */
export async function onSetupCommand(
  tx: Queryable,
  store: FactStore,
  env: Envelope<InteractionCommand>,
  dashboardUrl: string,
): Promise<Plan> {
  const setup = await store.projections.setup.load(tx, env.guildId);
  if (!isModerator(env.data.permissions, env.data.roleIds, setup.settings.modRoleId))
    return reply(env, SETUP_REPLIES.notModerator);
  const link = setupPageUrl(dashboardUrl, env.guildId);
  const chosen = env.data.options.find((o) => o.name === RULES_CHANNEL_OPTION)?.value;
  const chosenId = typeof chosen === 'string' ? chosen : null;
  const problem = unknownTarget(setup.guild, 'rules channel', chosenId);
  if (problem) return reply(env, SETUP_REPLIES.cannotConfirm(problem, link));
  const rules = await store.projections.ruleSets.current(tx, env.guildId);
  return reply(env, setupMessage(setupView(setup, rules.version), link, chosenId));
}

/** The Confirm button of /setup: the same as confirming on the dashboard, by the moderator who clicked. */
export async function onSetupConfirm(
  tx: Queryable,
  store: FactStore,
  env: Envelope<InteractionComponent>,
  dashboardUrl: string,
): Promise<Plan> {
  const setup = await store.projections.setup.load(tx, env.guildId);
  if (!isModerator(env.data.permissions, env.data.roleIds, setup.settings.modRoleId))
    return reply(env, SETUP_REPLIES.notModerator);
  const link = setupPageUrl(dashboardUrl, env.guildId);
  const channel = confirmChannelOf(env.data.customId);
  if (channel === null) return reply(env, SETUP_REPLIES.badButton);
  const decided = confirmedSettings(
    setup.settings,
    setup.guild,
    channel === undefined ? {} : { rulesChannelId: channel },
  );
  if (!decided.ok) return reply(env, SETUP_REPLIES.cannotConfirm(decided.problem, link));
  const rulesChannelId = decided.settings.rulesChannelId as string;
  return merge(
    saveSettingsPlan(setup, decided.settings, env, env.data.userId, true),
    reply(env, SETUP_REPLIES.confirmed(rulesChannelId, link)),
  );
}
