import { cookies } from 'next/headers';
import { dashboardEnv } from './env';
import type { GuildRole } from './permissions';
import { seal, unseal } from './session-seal';

export const SESSION_COOKIE = 'gh_session';
/** Permissions are a snapshot taken at sign-in, so a session lives hours, not weeks. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface SessionGuild {
  id: string;
  name: string;
  icon: string | null;
  role: GuildRole;
}

export interface Session {
  user: { id: string; username: string; globalName: string | null; avatar: string | null };
  /** Guilds the member shares with Guildhall, with what they may do there. */
  guilds: SessionGuild[];
  /** Epoch seconds. */
  exp: number;
}

export function sealSession(session: Session): string {
  return seal(dashboardEnv().authSecret, 'session', session);
}

export function openSession(
  value: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Session | undefined {
  const session = unseal<Session>(dashboardEnv().authSecret, 'session', value);
  if (!session || typeof session.exp !== 'number' || session.exp <= nowSeconds) return undefined;
  if (!session.user?.id || !Array.isArray(session.guilds)) return undefined;
  return session;
}

/** The signed-in member of this request, if any. */
export async function currentSession(): Promise<Session | undefined> {
  const jar = await cookies();
  return openSession(jar.get(SESSION_COOKIE)?.value);
}

export function sessionCookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: dashboardEnv().secureCookies,
    path: '/',
    maxAge,
  };
}
