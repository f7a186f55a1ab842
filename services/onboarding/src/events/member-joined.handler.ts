import { ActionType, Envelope, MemberJoined, derivedId } from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import { decideJoin } from '../domain/agreement';
import { greeting } from '../domain/messages';
import type { Queryable } from '../projections/queryable';
import type { FactStore } from './fact-store';
import { action } from './outgoing';
import { merge, NOTHING, Plan } from './plan';
import { grantRole } from './role-grant';

/** A new member gets Pre-Member and a greeting; a returning one keeps their agreement unless the guild says otherwise. */
export async function onMemberJoined(
  tx: Queryable,
  store: FactStore,
  env: Envelope<MemberJoined>,
): Promise<Plan> {
  const { userId, username, joinedAt, bot } = env.data;
  const setup = await store.projections.setup.load(tx, env.guildId);
  const member = await store.projections.members.load(tx, env.guildId, userId);
  const decision = decideJoin(member, { bot, joinedAt }, setup.settings.restartOnRejoin);
  if (decision.kind === 'ignore') return NOTHING;

  const { settings } = setup;
  const actions: OutgoingMessage[] = [];
  const roleId = decision.kind === 'onboard' ? settings.preMemberRoleId : settings.memberRoleId;
  const reason =
    decision.kind === 'onboard'
      ? 'New member: must agree to the rules'
      : 'Returning member who agreed to the rules';
  const grant =
    roleId === null
      ? NOTHING
      : grantRole(await store.directory.roleModel(tx, env.guildId), env, 'join.role.add', {
          userId,
          roleId,
          reason,
        });
  const channelId = settings.welcomeChannelId ?? settings.rulesChannelId;
  if (channelId !== null)
    actions.push(
      action(env, 'join.greeting', ActionType.MessageSend, {
        channelId,
        content: greeting(settings, userId),
      }),
    );

  return merge(grant, {
    facts: [
      {
        id: derivedId(env.id, 'member.joined'),
        guildId: env.guildId,
        occurredAt: env.occurredAt,
        type: 'member.joined',
        userId,
        data: { username, joinedAt, restarted: decision.kind === 'onboard' && decision.restarted },
      },
    ],
    actions,
  });
}
