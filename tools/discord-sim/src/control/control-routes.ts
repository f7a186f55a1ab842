import { ApiError } from '../http/api-error';
import { noContent, ok, route, type RequestContext, type Route } from '../http/router';
import type { FaultInput } from '../rest/fault-injector';
import type { PathPattern } from '../rest/path-filter';
import type { SimControl } from './sim-control';

type Json = Record<string, unknown>;
const bodyOf = <T>(ctx: RequestContext): T => (ctx.body ?? {}) as T;

function required(body: Json, ...fields: string[]): void {
  const missing = fields.filter((f) => body[f] === undefined || body[f] === null || body[f] === '');
  if (missing.length) throw new ApiError(400, 50035, `missing field(s): ${missing.join(', ')}`);
}

/** `path` is a substring, `pathRegex` a regular expression. */
function pattern(source: { path?: unknown; pathRegex?: unknown }): PathPattern | undefined {
  if (typeof source.pathRegex === 'string' && source.pathRegex) return new RegExp(source.pathRegex);
  return typeof source.path === 'string' ? source.path : undefined;
}

/** The control API under /_sim: JSON in, JSON out, no auth (served to loopback only). */
export function controlRoutes(control: SimControl, extra: Route[] = []): Route[] {
  const g = (ctx: RequestContext) => ctx.params.guildId;
  const startedAt = Date.now();
  return [
    route(
      'GET',
      '/_sim/health',
      () =>
        ok({
          status: 'ok',
          uptimeS: Math.round((Date.now() - startedAt) / 1000),
          guilds: control.listGuilds().length,
          sessions: control.gatewaySessions().length,
        }),
      'none',
    ),
    route(
      'POST',
      '/_sim/guilds',
      (ctx) => {
        required(bodyOf(ctx), 'name');
        return ok(control.createGuild(bodyOf(ctx)), 201);
      },
      'none',
    ),
    route('GET', '/_sim/guilds', () => ok(control.listGuilds()), 'none'),
    route('GET', '/_sim/guilds/:guildId', (ctx) => ok(control.getGuild(g(ctx))), 'none'),
    route(
      'POST',
      '/_sim/guilds/:guildId/members',
      (ctx) => {
        required(bodyOf(ctx), 'username');
        return ok(control.addMember(g(ctx), bodyOf(ctx)), 201);
      },
      'none',
    ),
    route(
      'GET',
      '/_sim/guilds/:guildId/members/:userId',
      (ctx) => ok(control.getMember(g(ctx), ctx.params.userId)),
      'none',
    ),
    route(
      'PATCH',
      '/_sim/guilds/:guildId/members/:userId',
      (ctx) => ok(control.updateMember(g(ctx), ctx.params.userId, bodyOf(ctx))),
      'none',
    ),
    route(
      'DELETE',
      '/_sim/guilds/:guildId/members/:userId',
      (ctx) => {
        control.removeMember(g(ctx), ctx.params.userId);
        return noContent();
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/guilds/:guildId/roles',
      (ctx) => ok(control.createRole(g(ctx), bodyOf(ctx)), 201),
      'none',
    ),
    route(
      'PATCH',
      '/_sim/guilds/:guildId/roles/:roleId',
      (ctx) => ok(control.updateRole(g(ctx), ctx.params.roleId, bodyOf(ctx))),
      'none',
    ),
    route(
      'DELETE',
      '/_sim/guilds/:guildId/roles/:roleId',
      (ctx) => {
        control.deleteRole(g(ctx), ctx.params.roleId);
        return noContent();
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/guilds/:guildId/channels',
      (ctx) => {
        required(bodyOf(ctx), 'name');
        return ok(control.createChannel(g(ctx), bodyOf(ctx)), 201);
      },
      'none',
    ),
    route(
      'PATCH',
      '/_sim/guilds/:guildId/channels/:channelId',
      (ctx) => ok(control.updateChannel(g(ctx), ctx.params.channelId, bodyOf(ctx))),
      'none',
    ),
    route(
      'DELETE',
      '/_sim/guilds/:guildId/channels/:channelId',
      (ctx) => {
        control.deleteChannel(g(ctx), ctx.params.channelId);
        return noContent();
      },
      'none',
    ),
    route(
      'GET',
      '/_sim/guilds/:guildId/channels/:channelId/messages',
      (ctx) => {
        const all = ['1', 'true'].includes(ctx.query.get('all') ?? '');
        const limit = ctx.query.has('limit') ? Number(ctx.query.get('limit')) : undefined;
        return ok(control.channelMessages(g(ctx), ctx.params.channelId, { all, limit }));
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/messages',
      (ctx) => {
        required(bodyOf(ctx), 'channelId', 'authorId');
        return ok(control.postMessage(bodyOf(ctx)), 201);
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/messages/batch',
      (ctx) => {
        const { messages } = bodyOf<{ messages?: unknown }>(ctx);
        if (!Array.isArray(messages)) throw new ApiError(400, 50035, 'messages must be an array');
        return ok(control.postMessages(messages), 201);
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/interactions/command',
      async (ctx) => {
        required(bodyOf(ctx), 'guildId', 'channelId', 'userId', 'name');
        return ok(await control.runCommand(bodyOf(ctx)));
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/interactions/component',
      async (ctx) => {
        required(bodyOf(ctx), 'guildId', 'channelId', 'userId', 'messageId', 'customId');
        return ok(await control.clickComponent(bodyOf(ctx)));
      },
      'none',
    ),
    route(
      'GET',
      '/_sim/interactions/:interactionId',
      (ctx) => ok(control.getInteraction(ctx.params.interactionId)),
      'none',
    ),
    route(
      'GET',
      '/_sim/calls',
      (ctx) => {
        const q = Object.fromEntries(ctx.query);
        return ok(control.calls({ method: q.method, path: pattern(q) }));
      },
      'none',
    ),
    route(
      'DELETE',
      '/_sim/calls',
      () => {
        control.clearCalls();
        return noContent();
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/faults',
      (ctx) => {
        const body = bodyOf<FaultInput & { pathRegex?: string }>(ctx);
        required(body as unknown as Json, 'status');
        return ok(control.injectFault({ ...body, path: pattern(body) }), 201);
      },
      'none',
    ),
    route('GET', '/_sim/faults', () => ok(control.faults()), 'none'),
    route(
      'DELETE',
      '/_sim/faults',
      () => {
        control.clearFaults();
        return noContent();
      },
      'none',
    ),
    route('GET', '/_sim/gateway/sessions', () => ok(control.gatewaySessions()), 'none'),
    route(
      'GET',
      '/_sim/gateway/logins',
      (ctx) => {
        const op = ctx.query.get('op');
        const shardId = ctx.query.get('shardId');
        const since = ctx.query.get('since');
        return ok(
          control.gatewayLogins({
            ...(op === 'identify' || op === 'resume' ? { op } : {}),
            ...(shardId ? { shardId: Number(shardId) } : {}),
            ...(since ? { since: Number(since) } : {}),
          }),
        );
      },
      'none',
    ),
    route(
      'POST',
      '/_sim/gateway/disconnect',
      (ctx) => ok({ disconnected: control.disconnectGateway(bodyOf(ctx)) }),
      'none',
    ),
    ...extra,
  ];
}
