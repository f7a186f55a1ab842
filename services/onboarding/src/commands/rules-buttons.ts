import { ActionType, Envelope, InteractionComponent, derivedId } from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import { decideAgree } from '../domain/agreement';
import { AGREE_ID, REPLIES, rulesEmbed, VIEW_RULES_ID } from '../domain/messages';
import type { FactStore } from '../events/fact-store';
import { action } from '../events/outgoing';
import type { Plan } from '../events/plan';
import { grantRefusal, refusedGrant } from '../events/role-grant';
import type { Queryable } from '../projections/queryable';
import { ephemeralReply } from './reply';

/** The rules message's buttons: `onboarding:view` and `onboarding:agree`. */
export async function onRulesButton(
  tx: Queryable,
  store: FactStore,
  env: Envelope<InteractionComponent>,
): Promise<Plan> {
  const verb = env.data.customId;
  if (verb === VIEW_RULES_ID) {
    const rules = await store.projections.ruleSets.current(tx, env.guildId);
    return { facts: [], actions: [ephemeralReply(env, rulesEmbed(rules))] };
  }
  if (verb === AGREE_ID) return onAgree(tx, store, env);
  return { facts: [], actions: [ephemeralReply(env, REPLIES.unknownButton)] };
}

async function onAgree(tx: Queryable, store: FactStore, env: Envelope<InteractionComponent>): Promise<Plan> {
  const { userId } = env.data;
  const rules = await store.projections.ruleSets.current(tx, env.guildId);
  const { settings } = await store.projections.setup.load(tx, env.guildId);
  const member = await store.projections.members.load(tx, env.guildId, userId);
  const decision = decideAgree(member, rules.version, settings);
  if (decision.kind === 'already_agreed')
    return { facts: [], actions: [ephemeralReply(env, REPLIES.alreadyAgreed(decision.version))] };
  if (decision.kind === 'not_ready') return { facts: [], actions: [ephemeralReply(env, REPLIES.notReady)] };

  const actions: OutgoingMessage[] = [];
  if (decision.swapRoles && settings.memberRoleId !== null) {
    // Checked before anything is recorded: the member stays a Pre-Member and may agree again once fixed.
    const refused = grantRefusal(await store.directory.roleModel(tx, env.guildId), settings.memberRoleId);
    if (refused)
      return {
        facts: [refusedGrant(env, 'agree.role.add', refused)],
        actions: [ephemeralReply(env, REPLIES.roleUnavailable)],
      };
  }
  if (decision.swapRoles) {
    const reason = `Agreed to the rules (version ${decision.version})`;
    if (settings.preMemberRoleId !== null)
      actions.push(
        action(env, 'agree.role.remove', ActionType.RoleRemove, {
          userId,
          roleId: settings.preMemberRoleId,
          reason,
        }),
      );
    if (settings.memberRoleId !== null)
      actions.push(
        action(env, 'agree.role.add', ActionType.RoleAdd, {
          userId,
          roleId: settings.memberRoleId,
          reason,
          grant: 'onboarding',
        }),
      );
  }
  actions.push(ephemeralReply(env, REPLIES.agreed(decision.version)));
  return {
    facts: [
      {
        id: derivedId(env.id, 'rules.agreed'),
        guildId: env.guildId,
        occurredAt: env.occurredAt,
        type: 'rules.agreed',
        userId,
        data: { version: decision.version },
      },
    ],
    actions,
  };
}
