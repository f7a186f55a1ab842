import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { ApiError, missingPermissions } from '../http/api-error';
import { noContent, ok, route, type RequestContext, type Route } from '../http/router';
import type { SimContext } from '../sim-context';
import {
  deleteMessage,
  editMessage,
  listMessages,
  postMessage,
  type MessageContent,
} from '../state/message-ops';
import { hasPermission } from '../state/permissions';

export function channelRoutes(sim: SimContext): Route[] {
  const { world } = sim;
  const channelOf = (ctx: RequestContext) => world.channel(ctx.params.channelId);

  const send = (ctx: RequestContext) => {
    const { guild, channel } = world.textChannel(ctx.params.channelId);
    if (!hasPermission(guild, world.bot.id, PermissionFlagsBits.SendMessages)) throw missingPermissions();
    const body = (ctx.body ?? {}) as MessageContent;
    if (!body.content && !body.embeds?.length && !body.components?.length) {
      // Discord's code for it: 50006 Cannot send an empty message.
      throw new ApiError(400, 50006, 'Cannot send an empty message');
    }
    const {
      nonce,
      enforce_nonce: enforceNonce,
      ...content
    } = body as MessageContent & {
      nonce?: unknown;
      enforce_nonce?: unknown;
    };
    if (nonce !== undefined && !validNonce(nonce))
      throw new ApiError(
        400,
        50035,
        'Invalid Form Body: nonce must be an integer or a string of up to 25 characters',
      );
    if (enforceNonce === true && nonce !== undefined) {
      // Discord: the same author's message with this nonce in the last few minutes is returned, not created again.
      const earlier = recentWithNonce(
        world.channelMessages.get(channel.id) ?? [],
        String(nonce),
        world.bot.id,
      );
      if (earlier) return ok(earlier);
    }
    // Only SuppressEmbeds/SuppressNotifications may be set on a new message.
    const flags = (Number(content.flags ?? 0) & (4 | 4096)) as MessageContent['flags'];
    return ok(
      postMessage(world, {
        guild,
        channelId: channel.id,
        author: world.bot,
        ...content,
        flags,
        ...(nonce !== undefined ? { extra: { nonce: nonce as string | number } } : {}),
      }),
    );
  };

  const ownMessage = (ctx: RequestContext) => {
    const { guild } = channelOf(ctx);
    return { guild, message: world.message(ctx.params.channelId, ctx.params.messageId) };
  };

  return [
    route('GET', '/channels/:channelId', (ctx) => ok(channelOf(ctx).channel)),
    route('POST', '/channels/:channelId/messages', send),
    route('GET', '/channels/:channelId/messages', (ctx) => {
      channelOf(ctx);
      const q = ctx.query;
      return ok(
        listMessages(world, ctx.params.channelId, {
          limit: q.has('limit') ? Number(q.get('limit')) : undefined,
          before: q.get('before') ?? undefined,
          after: q.get('after') ?? undefined,
        }),
      );
    }),
    route('GET', '/channels/:channelId/messages/:messageId', (ctx) => ok(ownMessage(ctx).message)),
    route('PATCH', '/channels/:channelId/messages/:messageId', (ctx) => {
      const { guild, message } = ownMessage(ctx);
      // Discord: only the author may edit content (error 50005).
      if (message.author.id !== world.bot.id)
        throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
      return ok(editMessage(world, guild, message, (ctx.body ?? {}) as MessageContent));
    }),
    route('DELETE', '/channels/:channelId/messages/:messageId', (ctx) => {
      const { guild, message } = ownMessage(ctx);
      if (
        message.author.id !== world.bot.id &&
        !hasPermission(guild, world.bot.id, PermissionFlagsBits.ManageMessages)
      )
        throw missingPermissions();
      deleteMessage(world, guild, message);
      return noContent();
    }),
  ];
}

const NONCE_WINDOW_MS = 5 * 60_000;

function validNonce(nonce: unknown): boolean {
  return (
    (typeof nonce === 'string' && nonce.length <= 25) ||
    (typeof nonce === 'number' && Number.isInteger(nonce))
  );
}

function recentWithNonce(log: APIMessage[], nonce: string, authorId: string): APIMessage | undefined {
  const since = Date.now() - NONCE_WINDOW_MS;
  for (let i = log.length - 1; i >= 0; i--) {
    const m = log[i];
    if (Date.parse(m.timestamp) < since) return undefined;
    if (m.author.id === authorId && m.nonce !== undefined && String(m.nonce) === nonce) return m;
  }
  return undefined;
}
