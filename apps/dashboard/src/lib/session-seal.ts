import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

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

/**
 * A secret (the member's Discord token) encrypted with AES-256-GCM under a key derived from
 * `secret` and `purpose`, for storage where others with access to the store may read it.
 */
export function encrypt(secret: string, purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The plain text, or undefined when the box is malformed, tampered with or not ours. */
export function decrypt(secret: string, purpose: string, boxed: string | undefined): string | undefined {
  const [iv, tag, body] = (boxed ?? '').split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret, purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

function key(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`guildhall ${purpose}\n${secret}`).digest();
}
