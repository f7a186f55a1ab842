import { InteractionResponseType } from 'discord-api-types/v10';
import { unknown } from '../http/api-error';
import { noContent, ok, route, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';
import { acknowledge, editFollowup, followUp, followupMessage } from '../state/interaction-ops';
import type { InteractionRecord } from '../state/interaction-store';
import { deleteMessage } from '../state/message-ops';

type Body = Record<string, unknown>;

/** Interaction callbacks and webhooks: authenticated by the interaction token, not the bot token. */
export function interactionRoutes(sim: SimContext): Route[] {
  const { world, interactions } = sim;

  const byWebhook = (ctx: RequestContext): InteractionRecord => {
    if (ctx.params.app !== world.identity.applicationId) throw unknown.webhook();
    const record = interactions.forToken(ctx.params.token);
    if (!record) throw unknown.webhook();
    return record;
  };

  const callback = (ctx: RequestContext) => {
    const record = interactions.get(ctx.params.interactionId);
    if (!record || record.token !== ctx.params.token || !interactions.forToken(ctx.params.token))
      throw unknown.interaction();
    const body = (ctx.body ?? {}) as { type?: number; data?: Body };
    const message = acknowledge(world, interactions, record, body, sim.settings.callbackDeadlineMs);
    if (ctx.query.get('with_response') !== 'true') return noContent();
    const loading = record.callback?.type === InteractionResponseType.DeferredChannelMessageWithSource;
    return ok({
      interaction: {
        id: record.id,
        type: record.payload.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: loading,
              response_message_ephemeral: ((message.flags ?? 0) & 64) !== 0,
            }
          : {}),
      },
      ...(message
        ? { resource: { type: record.callback?.type, message } }
        : { resource: { type: record.callback?.type } }),
    });
  };

  return [
    route('POST', '/interactions/:interactionId/:token/callback', callback, 'none'),
    route(
      'GET',
      '/webhooks/:app/:token/messages/:messageId',
      (ctx) => ok(followupMessage(byWebhook(ctx), ctx.params.messageId)),
      'none',
    ),
    route(
      'PATCH',
      '/webhooks/:app/:token/messages/:messageId',
      (ctx) => {
        const record = byWebhook(ctx);
        return ok(editFollowup(world, interactions, record, ctx.params.messageId, (ctx.body ?? {}) as Body));
      },
      'none',
    ),
    route(
      'DELETE',
      '/webhooks/:app/:token/messages/:messageId',
      (ctx) => {
        const record = byWebhook(ctx);
        const message = followupMessage(record, ctx.params.messageId);
        deleteMessage(world, world.guild(record.guildId), message);
        if (record.original === message) record.original = null;
        record.followups = record.followups.filter((m) => m !== message);
        interactions.changed(record);
        return noContent();
      },
      'none',
    ),
    route(
      'POST',
      '/webhooks/:app/:token',
      (ctx) => ok(followUp(world, interactions, byWebhook(ctx), (ctx.body ?? {}) as Body)),
      'none',
    ),
  ];
}
