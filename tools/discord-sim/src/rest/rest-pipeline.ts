import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, unauthorized } from '../http/api-error';
import { parseBody, readBody } from '../http/body-parser';
import { errorReply, rateLimitHeaders, writeReply } from '../http/reply-writer';
import { matchRoute, type Caller, type Reply, type Route } from '../http/router';
import { oauthRoutes } from '../oauth/oauth-routes';
import type { SimContext } from '../sim-context';
import { channelRoutes } from './channel-routes';
import { commandRoutes } from './command-routes';
import { guildRoutes } from './guild-routes';
import { identityRoutes } from './identity-routes';
import { interactionRoutes } from './interaction-routes';

/** /api, /api/v9, /api/v10 all reach the same routes; /oauth2/authorize is also served without /api. */
const API_PREFIX = /^\/api(?:\/v\d+)?(?=\/)/;

export function isApiPath(path: string): boolean {
  return API_PREFIX.test(path) || path.startsWith('/oauth2/');
}

function callerOf(sim: SimContext, authorization: string | undefined): Caller | null {
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, token] = authorization.split(' ', 2);
  if (scheme === 'Bot') return token === sim.world.identity.botToken ? { kind: 'bot' } : null;
  if (scheme === 'Bearer') {
    const grant = sim.oauth.bearer(token ?? '');
    return grant ? { kind: 'bearer', userId: grant.userId, scopes: grant.scopes } : null;
  }
  return null;
}

function allowed(route: Route, caller: Caller): boolean {
  switch (route.auth) {
    case 'none':
      return true;
    case 'bot':
      return caller.kind === 'bot';
    case 'bearer':
      return caller.kind === 'bearer';
    case 'bot-or-bearer':
      return caller.kind !== 'anonymous';
  }
}

/** Discord's REST surface: faults first, then auth, routing and the handler; every call is recorded. */
export function createRestPipeline(sim: SimContext) {
  const routes: Route[] = [
    ...identityRoutes(sim),
    ...oauthRoutes(sim),
    ...commandRoutes(sim),
    ...guildRoutes(sim),
    ...channelRoutes(sim),
    ...interactionRoutes(sim),
  ];

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(API_PREFIX, '');
    let body: unknown;
    let reply: Reply;
    let template = path;
    let fault = false;
    try {
      body = await parseBody(await readBody(req), req.headers['content-type']);
      const injected = sim.faults.take(method, url.pathname);
      if (injected) {
        fault = true;
        reply = injected;
      } else {
        const match = matchRoute(routes, method, path);
        if (!match) throw new ApiError(404, 0, '404: Not Found');
        if (!('route' in match)) throw new ApiError(405, 0, '405: Method Not Allowed');
        template = match.route.template;
        const caller = callerOf(sim, req.headers.authorization);
        if (!caller || !allowed(match.route, caller)) throw unauthorized();
        reply = await match.route.handler({
          method,
          path,
          params: match.params,
          query: url.searchParams,
          body,
          headers: req.headers,
          caller,
        });
      }
    } catch (error) {
      reply = errorReply(error);
    }
    sim.calls.record({
      method,
      path: url.pathname,
      query: url.search,
      body,
      status: reply.status,
      ...(fault ? { fault } : {}),
    });
    writeReply(res, reply, fault ? {} : rateLimitHeaders(method, template));
  };
}
