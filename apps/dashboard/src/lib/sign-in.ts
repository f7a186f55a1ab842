import { createHash, randomBytes } from 'node:crypto';
import { memberStanding } from './clients/roles';
import type { DashboardEnv } from './env';
import { fetchUser, fetchUserGuilds, exchangeCode, type DiscordPartialGuild } from './discord-oauth';
import { holdsModRole } from './mod-role';
import { roleFromDiscord } from './permissions';
import { SESSION_TTL_SECONDS, type SessionGuild, type SessionRecord } from './session-record';
import { encrypt } from './session-seal';
import { signInLimiters } from './sign-in-limits';

/** 40 guilds is far more than one member shares with Guildhall, and keeps a session small. */
const MAX_GUILDS = 40;
/** Discord lets a user be in at most 200 guilds; the roles service answers for at most that many. */
const MAX_STANDING_ASKED = 200;

export const STATE_TTL_SECONDS = 600;

/** What the state cookie remembers between leaving for Discord and coming back. */
export interface OAuthState {
  state: string;
  next: string;
  /**
   * PKCE (RFC 7636): Discord hands out the code only against this verifier's S256 challenge, so a
   * code that leaks (a log, a Referer, a code injected into another browser's callback) cannot be
   * exchanged without this browser's state cookie.
   */
  verifier: string;
}

export function newState(next: string): OAuthState {
  return {
    state: randomBytes(24).toString('base64url'),
    next: safeNext(next),
    // 32 bytes → 43 characters, the least RFC 7636 (and Discord) accept.
    verifier: randomBytes(32).toString('base64url'),
  };
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Stands for the dashboard's origin: only where `next` ends up matters, not which origin it is. */
const HERE = new URL('https://dashboard.invalid');

/**
 * Only paths of this site, so the sign-in cannot be used as an open redirect. `next` is resolved
 * the way the browser will resolve the redirect (the URL parser drops tabs and newlines, so
 * `/\t/evil.example` is `//evil.example`) and must keep the dashboard's origin; control
 * characters and backslashes are refused outright. What comes back is the resolved path.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.includes('\\') || hasControlCharacter(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE.origin) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** One Discord account signed in more often than `signInLimiters().user` allows. */
export class TooManySignIns extends Error {
  constructor() {
    super('too many sign-ins for this account');
    this.name = 'TooManySignIns';
  }
}

/**
 * Code → token → user + guilds → what the session store keeps. The Discord token is kept,
 * encrypted, so the session's guilds and roles can be confirmed again while it is used.
 */
export async function signIn(
  env: DashboardEnv,
  code: string,
  verifier: string,
  now = Date.now(),
): Promise<SessionRecord> {
  const accessToken = await exchangeCode(env, code, verifier);
  const [user, discordGuilds] = await Promise.all([
    fetchUser(env, accessToken),
    fetchUserGuilds(env, accessToken),
  ]);
  if (!signInLimiters().user.admit(user.id)) throw new TooManySignIns();
  return {
    user: {
      id: user.id,
      username: user.username,
      globalName: user.global_name ?? null,
      avatar: user.avatar ?? null,
    },
    guilds: await sharedGuilds(env, user.id, discordGuilds),
    exp: Math.floor(now / 1000) + SESSION_TTL_SECONDS,
    createdAt: now,
    checkedAt: now,
    discordToken: encrypt(env.authSecret, DISCORD_TOKEN_PURPOSE, accessToken),
  };
}

export const DISCORD_TOKEN_PURPOSE = 'discord-token';

/** The session's guilds as they are now: asks Discord with the member's token, then the services. */
export async function currentGuilds(
  env: DashboardEnv,
  userId: string,
  accessToken: string,
): Promise<SessionGuild[]> {
  return sharedGuilds(env, userId, await fetchUserGuilds(env, accessToken));
}

/**
 * Which of the member's guilds Guildhall is in, and their roles there, come from the roles
 * service; guilds without Guildhall are dropped.
 */
async function sharedGuilds(
  env: DashboardEnv,
  userId: string,
  guilds: DiscordPartialGuild[],
): Promise<SessionGuild[]> {
  const known = await memberStanding(
    userId,
    guilds.slice(0, MAX_STANDING_ASKED).map((g) => g.id),
  );
  const standing = new Map(known.map((s) => [s.guildId, s.roles]));
  const shared = guilds.filter((g) => standing.has(g.id)).slice(0, MAX_GUILDS);
  const roles = shared.map((g) => roleFromDiscord(Boolean(g.owner), g.permissions));
  // Members without Manage Server may still hold the guild's configured moderator role.
  await Promise.all(
    shared.map(async (g, i) => {
      if (roles[i] === 'member' && (await holdsModRole(env, g.id, userId, standing.get(g.id) ?? null)))
        roles[i] = 'moderator';
    }),
  );
  return shared.map((g, i) => ({
    id: g.id,
    name: g.name.slice(0, 60),
    icon: g.icon ?? null,
    role: roles[i],
  }));
}
