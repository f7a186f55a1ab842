import { LruCache } from '@guildhall/platform/src/cache/lru-cache';
import type { DashboardEnv } from './env';

/**
 * A member's roles read from Discord with the bot token: the fallback for when the roles service
 * has not seen the member yet. The bot token's rate limit is shared with everything the gateway
 * does for every guild, so sign-ins may spend at most a few calls a second of it, and an answer
 * is kept five minutes so repeated sign-ins of one member cost nothing.
 */
const CALLS_PER_SECOND = 5;
const CACHE_MS = 5 * 60_000;
const MAX_CACHED = 10_000;

interface Cached {
  roles: string[] | null;
  at: number;
}

const cache = new LruCache<string, Cached>(MAX_CACHED);
let tokens = CALLS_PER_SECOND;
let refilledAt = Date.now();

/** Null when Discord does not know the member, could not be asked, or the budget is spent. */
export async function discordMemberRoles(
  env: DashboardEnv,
  guildId: string,
  userId: string,
  now = Date.now(),
): Promise<string[] | null> {
  if (!env.discordToken) return null;
  const key = `${guildId}:${userId}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.roles;
  if (!takeToken(now)) return null;
  let roles: string[] | null = null;
  try {
    const res = await fetch(`${env.discordApiUrl}/v10/guilds/${guildId}/members/${userId}`, {
      headers: { authorization: `Bot ${env.discordToken}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    // Only Discord's own answers are kept: a timeout or a 429 says nothing about the member.
    if (res.ok) roles = ((await res.json()) as { roles?: string[] }).roles ?? [];
    else if (res.status !== 404) return null;
  } catch {
    return null;
  }
  cache.set(key, { roles, at: now });
  return roles;
}

function takeToken(now: number): boolean {
  tokens = Math.min(CALLS_PER_SECOND, tokens + ((now - refilledAt) / 1000) * CALLS_PER_SECOND);
  refilledAt = now;
  if (tokens < 1) return false;
  tokens -= 1;
  return true;
}
