import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import type { Reply } from './router';

export function errorReply(error: unknown): Reply {
  if (error instanceof ApiError) return { status: error.status, body: error.body() };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { message: `500: Internal Server Error (${message})`, code: 0 } };
}

/**
 * Headers @discordjs/rest reads on every response. Remaining never reaches 0, so the client
 * never waits; real limits are simulated only through injected 429 faults.
 */
export function rateLimitHeaders(method: string, template: string): Record<string, string> {
  const bucket = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
  return {
    'X-RateLimit-Limit': '50',
    'X-RateLimit-Remaining': '49',
    'X-RateLimit-Reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': '1.000',
    'X-RateLimit-Bucket': bucket,
    'X-RateLimit-Scope': 'user',
  };
}

export function writeReply(
  res: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.redirect) {
    res.writeHead(302, { ...headers, Location: reply.redirect });
    res.end();
    return;
  }
  // A 204 must have no Content-Type: discord.js JSON-parses any body that claims to be JSON.
  if (reply.status === 204 || (reply.body === undefined && reply.html === undefined)) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const isHtml = reply.html !== undefined;
  const payload = isHtml ? (reply.html as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    'Content-Type': isHtml ? 'text/html; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(payload).toString(),
  });
  res.end(payload);
}
