import { ActionType, Envelope, InteractionBase } from '@guildhall/contracts';
import type { OutgoingMessage } from '@guildhall/eventing';
import type { MessageContent } from '../domain/messages';
import { action } from '../events/outgoing';

/** Every interaction gets exactly one answer, and onboarding answers are for the clicker's eyes only. */
export function ephemeralReply(
  env: Envelope<InteractionBase>,
  body: MessageContent | string,
): OutgoingMessage {
  const { interactionId, token, applicationId } = env.data;
  const content = typeof body === 'string' ? { content: body } : body;
  return action(env, 'reply', ActionType.InteractionReply, {
    interactionId,
    token,
    applicationId,
    ephemeral: true,
    ...content,
  });
}
