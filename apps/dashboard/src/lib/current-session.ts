import { LruCache } from '@guildhall/platform/src/cache/lru-cache';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { DiscordOAuthError } from './discord-oauth';
import { dashboardEnv } from './env';
import { sessionAsOf, type Session } from './session-record';
import { decrypt } from './session-seal';
import { sessionStore, SessionsUnavailable, type StoredSession } from './session-store';
import { sessionCookieName } from './session';
import { currentGuilds, DISCORD_TOKEN_PURPOSE } from './sign-in';

/**
 * The signed-in member of this request, if any: one store read per request (React's cache
 * shares it between the layout, the page and the header), and, when the session's guilds and
 * roles are older than SESSION_RECHECK_SECONDS, confirmed again with Discord and the services
 * first, so a demoted moderator or a member who left loses that access within minutes.
 */
export const currentSession = cache(async (): Promise<Session | undefined> => {
  const jar = await cookies();
  return sessionOfCookie(jar.get(sessionCookieName())?.value);
});

export async function sessionOfCookie(value: string | undefined): Promise<Session | undefined> {
  if (!value) return undefined;
  let stored: StoredSession | undefined;
  try {
    stored = await (await sessionStore()).read(value);
  } catch (err) {
    throw err instanceof SessionsUnavailable ? err : new SessionsUnavailable(err);
  }
  if (!stored) return undefined;
  const now = Date.now();
  if (now - stored.record.checkedAt < dashboardEnv().sessionRecheckMs) return sessionAsOf(stored.record, now);
  return recheckOnce(stored);
}

/** Requests of one session arrive together (a page and its API calls): one of them asks Discord. */
const rechecks = new Map<string, Promise<Session | undefined>>();
/** After a failed re-check, Discord is not asked again for this session for a while. */
const RECHECK_BACKOFF_MS = 30_000;
const failedAt = new LruCache<string, number>(10_000);

function recheckOnce(stored: StoredSession): Promise<Session | undefined> {
  const failed = failedAt.get(stored.key);
  if (failed !== undefined && Date.now() - failed < RECHECK_BACKOFF_MS)
    return Promise.resolve(sessionAsOf(stored.record, Date.now()));
  let pending = rechecks.get(stored.key);
  if (!pending) {
    pending = recheck(stored).finally(() => rechecks.delete(stored.key));
    rechecks.set(stored.key, pending);
  }
  return pending;
}

async function recheck(stored: StoredSession): Promise<Session | undefined> {
  const env = dashboardEnv();
  const store = await sessionStore();
  const token = decrypt(env.authSecret, DISCORD_TOKEN_PURPOSE, stored.record.discordToken);
  if (!token) {
    // Sealed under another AUTH_SECRET: nothing can confirm it any more.
    await store.revoke(stored.key);
    return undefined;
  }
  try {
    const guilds = await currentGuilds(env, stored.record.user.id, token);
    const record = { ...stored.record, guilds, checkedAt: Date.now() };
    await store.replace(stored, record);
    return sessionAsOf(record, Date.now());
  } catch (err) {
    if (err instanceof DiscordOAuthError && err.status === 401) {
      // The member revoked Guildhall's access on Discord (or the token ran out): signed out.
      await store.revoke(stored.key);
      return undefined;
    }
    // Discord or a service is down: the session goes on as last confirmed, a moderator only while
    // that is recent (sessionAsOf).
    failedAt.set(stored.key, Date.now());
    console.warn(`session re-check of ${stored.record.user.id} failed: ${(err as Error).message}`);
    return sessionAsOf(stored.record, Date.now());
  }
}
