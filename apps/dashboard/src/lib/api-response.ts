import { NextResponse } from 'next/server';
import { BadRequest } from './bad-request';
import { decideAccess, type GuildAccess, type Need } from './access';
import { DiscordOAuthError } from './discord-oauth';
import { ServiceError } from './clients/service-fetch';
import { MAX_JSON_BODY_BYTES, PayloadTooLarge, readBodyText } from './request-body';
import { currentSession } from './current-session';
import { SessionsUnavailable } from './session-store';

export function jsonError(status: number, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status, headers: { 'cache-control': 'no-store' } });
}

export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Runs a route body after the access check; service errors keep their status and message. */
export async function guarded(
  guildId: string,
  need: Need,
  body: (access: GuildAccess) => Promise<Response>,
): Promise<Response> {
  try {
    const decision = decideAccess(await currentSession(), guildId, need);
    if (!decision.ok) return jsonError(decision.status, decision.message);
    return await body(decision.access);
  } catch (err) {
    return errorResponse(err);
  }
}

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ServiceError) {
    // A 401 from a service means our token was refused: a configuration problem, not the visitor's.
    const status = err.status === 401 ? 502 : err.status;
    const res = jsonError(status, err.message);
    // A service's 429 says when to come back; the browser should hear it too.
    if (err.retryAfter) res.headers.set('retry-after', err.retryAfter);
    return res;
  }
  if (err instanceof PayloadTooLarge) return jsonError(413, err.message);
  if (err instanceof UnsupportedMediaType) return jsonError(415, err.message);
  if (err instanceof DiscordOAuthError) return jsonError(err.status, err.message);
  if (err instanceof BadRequest) return jsonError(400, err.message);
  if (err instanceof SessionsUnavailable) {
    console.error(err.message);
    return jsonError(503, 'Guildhall cannot recognise signed-in members just now. Try again shortly.');
  }
  console.error('dashboard route failed', err);
  return jsonError(500, 'Something went wrong on our side. Try again shortly.');
}

export { BadRequest };

/** The body was not declared as JSON; answered as 415. */
export class UnsupportedMediaType extends Error {
  constructor(given: string | null) {
    super(`Send the body as application/json${given ? `, not ${given.slice(0, 60)}` : ''}.`);
    this.name = 'UnsupportedMediaType';
  }
}

/**
 * A JSON object body of at most `maxBytes` (413 beyond: nobody makes us hold more), declared as
 * JSON: a cross-site form can post `text/plain` that parses as JSON without asking the browser's
 * permission first, a JSON content type cannot be sent that way.
 */
export async function readJson(
  req: Request,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const type = req.headers.get('content-type');
  if (!type || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) throw new UnsupportedMediaType(type);
  const text = await readBodyText(req, maxBytes);
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new BadRequest('The request body must be a JSON object.');
}
