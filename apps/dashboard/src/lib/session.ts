import type { NextResponse } from 'next/server';
import { dashboardEnv } from './env';

export { SESSION_TTL_SECONDS, type Session, type SessionGuild, type SessionUser } from './session-record';

/**
 * `__Host-` over https: the browser then keeps the cookie only if it is Secure, for this host
 * alone (no Domain) and for every path, so a sibling subdomain cannot plant or shadow it.
 */
export function sessionCookieName(): string {
  return dashboardEnv().secureCookies ? '__Host-gh_session' : 'gh_session';
}

export function stateCookieName(): string {
  return dashboardEnv().secureCookies ? '__Host-gh_oauth_state' : 'gh_oauth_state';
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

/** A plain delete omits Secure, and the browser then ignores it for a `__Host-` cookie. */
export function clearCookie(res: NextResponse, name: string): void {
  res.cookies.set(name, '', sessionCookieOptions(0));
}
