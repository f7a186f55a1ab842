import type { MessageBody } from '@guildhall/contracts';

export const EPHEMERAL = 64;

/**
 * Discord's message JSON from a contract body. Mentions ping users only: an action can never
 * make the bot ping @everyone or a role, whatever text a service puts together.
 */
export function messagePayload(body: MessageBody, flags = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { allowed_mentions: { parse: ['users'] } };
  if (body.content !== undefined) out.content = body.content;
  if (body.embeds !== undefined) out.embeds = body.embeds;
  if (body.components !== undefined) out.components = body.components;
  if (flags !== 0) out.flags = flags;
  return out;
}
