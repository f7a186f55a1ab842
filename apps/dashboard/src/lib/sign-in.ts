import { randomBytes } from 'node:crypto';
import { memberStanding } from './clients/roles';
import type { DashboardEnv } from './env';
import { fetchUser, fetchUserGuilds, exchangeCode } from './discord-oauth';
import { holdsModRole } from './mod-role';
import { roleFromDiscord } from './permissions';
import { SESSION_TTL_SECONDS, type Session } from './session';
import { signInLimiters } from './sign-in-limits';

/** A cookie holds ~4 KB; 40 guilds is far more than one member shares with Guildhall. */
const MAX_GUILDS = 40;
/** Discord lets a user be in at most 200 guilds; the roles service answers for at most that many. */
const MAX_STANDING_ASKED = 200;

export const STATE_COOKIE = 'gh_oauth_state';
export const STATE_TTL_SECONDS = 600;

/** What the state cookie remembers between leaving for Discord and coming back. */
export interface OAuthState {
  state: string;
  next: string;
}

export function newState(next: string): OAuthState {
  return { state: randomBytes(24).toString('base64url'), next: safeNext(next) };
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
 * Code → token → user + guilds → the session. Which guilds Guildhall is in, and the member's
 * roles there, come from the roles service; guilds without Guildhall are dropped.
 */
export async function signIn(
  env: DashboardEnv,
  code: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Session> {
  const accessToken = await exchangeCode(env, code);
  const [user, guilds] = await Promise.all([fetchUser(env, accessToken), fetchUserGuilds(env, accessToken)]);
  if (!signInLimiters().user.admit(user.id)) throw new TooManySignIns();
  const known = await memberStanding(
    user.id,
    guilds.slice(0, MAX_STANDING_ASKED).map((g) => g.id),
  );
  const standing = new Map(known.map((s) => [s.guildId, s.roles]));
  const shared = guilds.filter((g) => standing.has(g.id)).slice(0, MAX_GUILDS);
  const roles = shared.map((g) => roleFromDiscord(Boolean(g.owner), g.permissions));
  // Members without Manage Server may still hold the guild's configured moderator role.
  await Promise.all(
    shared.map(async (g, i) => {
      if (roles[i] === 'member' && (await holdsModRole(env, g.id, user.id, standing.get(g.id) ?? null)))
        roles[i] = 'moderator';
    }),
  );
  return {
    user: {
      id: user.id,
      username: user.username,
      globalName: user.global_name ?? null,
      avatar: user.avatar ?? null,
    },
    guilds: shared.map((g, i) => ({
      id: g.id,
      name: g.name.slice(0, 60),
      icon: g.icon ?? null,
      role: roles[i],
    })),
    exp: nowSeconds + SESSION_TTL_SECONDS,
  };
}
