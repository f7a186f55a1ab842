import { ActionType, MessageSend } from '@guildhall/contracts';
import { rulesMessage } from '../domain/messages';
import type { GuildSetup } from '../projections/guild-setup.projection';
import { action, actionId, Cause } from './outgoing';
import { NOTHING, Plan } from './plan';

/**
 * Posts the persistent rules message with its two buttons; the gateway's result tells us its
 * message id. Without a rules channel there is nowhere to post.
 */
export function postRulesMessage(setup: GuildSetup, cause: Cause): Plan {
  const channelId = setup.settings.rulesChannelId;
  if (channelId === null) return NOTHING;
  const purpose = 'rules_message.send';
  const id = actionId(cause, purpose);
  return {
    facts: [{ id: `${cause.id}:rules_message.requested`, guildId: cause.guildId, occurredAt: cause.occurredAt, type: 'rules_message.requested', data: { actionId: id, channelId } }],
    actions: [action<MessageSend>(cause, purpose, ActionType.MessageSend, { channelId, ...rulesMessage(setup.guild?.name ?? null) })],
  };
}
