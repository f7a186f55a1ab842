import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../http/api-error';
import { parseBody, readBody } from '../http/body-parser';
import { errorReply, writeReply } from '../http/reply-writer';
import { matchRoute, type Reply, type Route } from '../http/router';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Serves /_sim: not recorded, no Discord auth, refused to anything but loopback unless allowed. */
export function createControlPipeline(routes: Route[], allowRemote: boolean) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    let reply: Reply;
    try {
      if (!allowRemote && !LOOPBACK.has(req.socket.remoteAddress ?? ''))
        throw new ApiError(403, 0, 'The control API only answers loopback clients');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await parseBody(await readBody(req), req.headers['content-type']);
      const match = matchRoute(routes, method, url.pathname);
      if (!match) throw new ApiError(404, 0, `no control route ${method} ${url.pathname}`);
      if (!('route' in match)) throw new ApiError(405, 0, `allowed: ${match.allowed.join(', ')}`);
      reply = await match.route.handler({
        method,
        path: url.pathname,
        params: match.params,
        query: url.searchParams,
        body,
        headers: req.headers,
        caller: { kind: 'anonymous' },
      });
    } catch (error) {
      reply = errorReply(error);
    }
    writeReply(res, reply);
  };
}
