import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A value signed with HMAC-SHA256 so the browser can carry it but not forge it. Used for the
 * session cookie and the short-lived OAuth state cookie; each gets its own purpose label so a
 * state cookie can never be replayed as a session.
 */
export function seal(secret: string, purpose: string, value: unknown): string {
  const body = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The value, or undefined when the seal is missing, malformed or not ours. */
export function unseal<T>(secret: string, purpose: string, sealed: string | undefined): T | undefined {
  if (!sealed) return undefined;
  const dot = sealed.indexOf('.');
  if (dot <= 0) return undefined;
  const body = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, purpose, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url');
}
