import { createHash, randomBytes } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import { dashboardEnv } from './env';
import { natsConnection } from './live/nats-connection';
import { sessionRecord, type SessionRecord } from './session-record';

/** One member keeps at most this many signed-in browsers; signing in again ends the oldest. */
export const MAX_SESSIONS_PER_MEMBER = 20;
/** Sessions live 12 h; the bucket forgets a record on its own an hour after that at the latest. */
const BUCKET_TTL_MS = 13 * 60 * 60 * 1000;

/** The bucket of a deployment's event namespace (its stream is `KV_` and this). */
export function sessionBucket(namespace: string): string {
  return namespace ? `${namespace}_dashboard_sessions` : 'dashboard_sessions';
}

export interface StoredSession {
  key: string;
  record: SessionRecord;
  /** The record's revision, so an update never overwrites a revocation or a newer check. */
  revision: number;
}

/**
 * The cookie is `<userId>.<secret>`; the store's key is `<userId>.<sha256(secret)>`, so whoever
 * can read the store cannot present a session, and a member's sessions can be listed to end them.
 */
export function newSessionCookie(userId: string): { value: string; key: string } {
  const secret = randomBytes(32).toString('base64url');
  return { value: `${userId}.${secret}`, key: storeKey(userId, secret) };
}

export function keyOfCookie(value: string | undefined): { userId: string; key: string } | undefined {
  const m = /^(\d{15,21})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  return m ? { userId: m[1], key: storeKey(m[1], m[2]) } : undefined;
}

function storeKey(userId: string, secret: string): string {
  return `${userId}.${createHash('sha256').update(secret).digest('base64url')}`;
}

/**
 * Server-side sessions in a JetStream key-value bucket, shared by every dashboard replica: a
 * session ends for all of them the moment it is revoked (logout, Discord refusing the member's
 * token), and what it grants is re-checked as it is used. The dashboard already talks to NATS for
 * live views, so the internet-facing process still reads no database table.
 */
export class SessionStore {
  constructor(private readonly kv: KV) {}

  async create(userId: string, record: SessionRecord): Promise<string> {
    const cookie = newSessionCookie(userId);
    await this.kv.put(cookie.key, JSON.stringify(record));
    await this.endOldest(userId);
    return cookie.value;
  }

  async read(cookieValue: string | undefined): Promise<StoredSession | undefined> {
    const id = keyOfCookie(cookieValue);
    if (!id) return undefined;
    const stored = await this.get(id.key);
    if (!stored || stored.record.user.id !== id.userId) return undefined;
    if (stored.record.exp * 1000 <= Date.now()) {
      await this.kv.purge(id.key);
      return undefined;
    }
    return stored;
  }

  /** False when the session changed or ended meanwhile: then the store's version stands. */
  async replace(stored: StoredSession, record: SessionRecord): Promise<boolean> {
    try {
      await this.kv.update(stored.key, JSON.stringify(record), stored.revision);
      return true;
    } catch {
      return false;
    }
  }

  async revoke(key: string): Promise<void> {
    await this.kv.purge(key);
  }

  /** Ends every session of the member; returns what they held (their Discord tokens to revoke). */
  async revokeAll(userId: string): Promise<SessionRecord[]> {
    const ended: SessionRecord[] = [];
    for (const key of await this.keysOf(userId)) {
      const stored = await this.get(key);
      if (stored) ended.push(stored.record);
      await this.kv.purge(key);
    }
    return ended;
  }

  private async endOldest(userId: string): Promise<void> {
    const keys = await this.keysOf(userId);
    if (keys.length <= MAX_SESSIONS_PER_MEMBER) return;
    const all = (await Promise.all(keys.map((k) => this.get(k)))).filter((s) => s !== undefined);
    all.sort((a, b) => a.record.createdAt - b.record.createdAt);
    for (const s of all.slice(0, all.length - MAX_SESSIONS_PER_MEMBER)) await this.kv.purge(s.key);
  }

  private async keysOf(userId: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await this.kv.keys(`${userId}.*`)) keys.push(k);
    return keys;
  }

  private async get(key: string): Promise<StoredSession | undefined> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return undefined;
    let record: SessionRecord | undefined;
    try {
      record = sessionRecord(entry.json());
    } catch {
      record = undefined;
    }
    return record ? { key, record, revision: entry.revision } : undefined;
  }
}

let pending: Promise<SessionStore> | undefined;

/** The process's store, over the one NATS connection; the bucket is made on first use. */
export function sessionStore(): Promise<SessionStore> {
  pending ??= openBucket().then(
    (kv) => new SessionStore(kv),
    (err: unknown) => {
      pending = undefined;
      throw new SessionsUnavailable(err);
    },
  );
  return pending;
}

async function openBucket(): Promise<KV> {
  const env = dashboardEnv();
  const kvm = new Kvm(await natsConnection());
  const name = sessionBucket(env.eventNamespace);
  try {
    return await kvm.create(name, { history: 1, ttl: BUCKET_TTL_MS, replicas: env.streamReplicas });
  } catch {
    // Made earlier with other settings (an operator's change is kept): open it as it is.
    return kvm.open(name);
  }
}

/** NATS, where sessions live, could not be reached: nobody can be recognised until it is back. */
export class SessionsUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Sessions are unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'SessionsUnavailable';
  }
}
