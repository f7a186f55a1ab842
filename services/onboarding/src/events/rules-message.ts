import { ActionType, MessageDelete, derivedId } from '@guildhall/contracts';
import { rulesMessage } from '../domain/messages';
import type { GuildSetup } from '../projections/guild-setup.projection';
import { action, actionId, Cause } from './outgoing';
import { NOTHING, Plan } from './plan';

/**
 * Posts the persistent rules message with its two buttons; the gateway's result tells us its
 * message id. The one posted before is removed after the new one is up, so the channel keeps
 * exactly one (and never none). Without a rules channel there is nowhere to post.
 */
export function postRulesMessage(setup: GuildSetup, cause: Cause): Plan {
  const channelId = setup.settings.rulesChannelId;
  if (channelId === null) return NOTHING;
  const purpose = 'rules_message.send';
  const id = actionId(cause, purpose);
  return {
    facts: [
      {
        id: derivedId(cause.id, 'rules_message.requested'),
        guildId: cause.guildId,
        occurredAt: cause.occurredAt,
        type: 'rules_message.requested',
        data: { actionId: id, channelId },
      },
    ],
    actions: [
      action(cause, purpose, ActionType.MessageSend, {
        channelId,
        ...rulesMessage(setup.guild?.name ?? null),
      }),
      ...previousRulesMessage(setup, cause),
    ],
  };
}

function previousRulesMessage(setup: GuildSetup, cause: Cause) {
  const previous = setup.rulesMessage;
  if (previous?.status !== 'posted' || previous.messageId === null) return [];
  const removal: MessageDelete = {
    channelId: previous.channelId,
    messageId: previous.messageId,
    reason: 'the rules message was posted again',
  };
  return [action(cause, 'rules_message.delete', ActionType.MessageDelete, removal)];
}
