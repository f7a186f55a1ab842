// contracts' decorators need the metadata polyfill loaded before them.
import 'reflect-metadata';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SNOWFLAKE } from '@guildhall/contracts';

// Who is asking: the dashboard calls services with a short-lived HS256 token (RFC 7519).
export type Role = 'member' | 'moderator' | 'owner';
export const ROLES: readonly Role[] = ['member', 'moderator', 'owner'];
export interface ServiceClaims {
  sub: string;
  guildId: string;
  role: Role;
  /** The service the token is for (its SERVICE name): a token for xp is refused by roles. */
  aud: string;
  exp: number;
}

/** Long enough for one dashboard page to make its calls, short enough that a leak expires soon. */
export const DEFAULT_TOKEN_TTL_SECONDS = 300;
/**
 * The longest life a service accepts, whatever the token says: a token signed with a far `exp`
 * (a leaked secret's forgery aside, a caller's mistake) stays usable only minutes, not forever.
 */
export const MAX_TOKEN_TTL_SECONDS = 900;

/** Why a token was refused; the guard turns it into a 401. */
export class ServiceTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceTokenError';
  }
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const AUDIENCE = /^[a-z][a-z0-9-]{0,39}$/;

export function signServiceToken(
  secret: string,
  claims: Omit<ServiceClaims, 'exp'>,
  ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  requireSecret(secret);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_TOKEN_TTL_SECONDS)
    throw new Error(`ttlSeconds must be a whole number from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
  const { sub, guildId, role, aud } = claims;
  const payload = { sub, guildId, role, aud, iat: nowSeconds, exp: nowSeconds + ttlSeconds };
  const problem = claimsProblem(payload);
  if (problem) throw new Error(`cannot sign a service token: ${problem}`);
  const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

/** Returns the claims of a genuine, unexpired token for `audience`; throws ServiceTokenError otherwise. */
export function verifyServiceToken(
  secret: string,
  token: string,
  audience: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): ServiceClaims {
  requireSecret(secret);
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p)))
    throw new ServiceTokenError('malformed token');
  const [header, payload, signature] = parts;

  // Signature first: nothing from an unauthenticated token is trusted, not even its header.
  const expected = sign(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ServiceTokenError('bad signature');

  const head = parseJson(header);
  if (head?.alg !== 'HS256') throw new ServiceTokenError('unsupported algorithm');
  const claims = parseJson(payload);
  if (!claims) throw new ServiceTokenError('malformed claims');
  const problem = claimsProblem(claims);
  if (problem) throw new ServiceTokenError(problem);
  // The services share the signing secret; the audience keeps a token to the one it was made for.
  if (claims.aud !== audience)
    throw new ServiceTokenError(`token is for ${String(claims.aud)}, not ${audience}`);
  if ((claims.exp as number) <= nowSeconds) throw new ServiceTokenError('token expired');
  // iat is the signer's clock; a minute of skew between pods is allowed.
  if (!Number.isInteger(claims.iat) || (claims.iat as number) > nowSeconds + 60)
    throw new ServiceTokenError('iat must be the time the token was signed');
  if ((claims.exp as number) - (claims.iat as number) > MAX_TOKEN_TTL_SECONDS)
    throw new ServiceTokenError(`a token may live at most ${MAX_TOKEN_TTL_SECONDS} s`);
  return {
    sub: claims.sub as string,
    guildId: claims.guildId as string,
    role: claims.role as Role,
    aud: claims.aud as string,
    exp: claims.exp as number,
  };
}

function claimsProblem(c: Record<string, unknown>): string | undefined {
  if (typeof c.sub !== 'string' || !SNOWFLAKE.test(c.sub)) return 'sub must be a Discord snowflake';
  if (typeof c.guildId !== 'string' || !SNOWFLAKE.test(c.guildId))
    return 'guildId must be a Discord snowflake';
  if (!ROLES.includes(c.role as Role)) return `role must be one of ${ROLES.join(', ')}`;
  if (typeof c.aud !== 'string' || !AUDIENCE.test(c.aud)) return 'aud must name the service the token is for';
  if (!Number.isInteger(c.exp)) return 'exp must be an integer';
  return undefined;
}

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('a non-empty secret is required');
}

function sign(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
