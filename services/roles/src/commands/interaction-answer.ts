import {
  actionSubject,
  ActionType,
  derivedId,
  event,
  type Envelope,
  type InteractionBase,
} from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import { SOURCE } from '../events/roles-context';

/**
 * The answer to an interaction, as an action for the gateway. `update` replaces the message the
 * component sits on (the ephemeral picker); `reply` posts a new ephemeral message.
 */
export function interactionAnswer(
  cause: Envelope<InteractionBase>,
  kind: 'reply' | 'update',
  body: { content: string; components?: Record<string, unknown>[] },
): OutgoingMessage {
  const type = kind === 'reply' ? ActionType.InteractionReply : ActionType.InteractionUpdate;
  const { interactionId, token, applicationId } = cause.data;
  const data = {
    interactionId,
    token,
    applicationId,
    ...body,
    ...(kind === 'reply' ? { ephemeral: true } : {}),
  };
  return {
    subject: actionSubject(cause.guildId, type),
    envelope: event(type, {
      id: derivedId(cause.id, kind),
      guildId: cause.guildId,
      occurredAt: cause.occurredAt,
      source: SOURCE,
      causationId: cause.id,
      data,
    }),
  };
}
