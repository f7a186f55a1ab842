import { NextResponse, type NextRequest } from 'next/server';
import { authorizeUrl } from '@/lib/discord-oauth';
import { dashboardEnv } from '@/lib/env';
import { clientAddress } from '@/lib/client-address';
import { seal } from '@/lib/session-seal';
import { sessionCookieOptions, stateCookieName } from '@/lib/session';
import { codeChallenge, newState, STATE_TTL_SECONDS } from '@/lib/sign-in';
import { signInLimiters } from '@/lib/sign-in-limits';

export const dynamic = 'force-dynamic';

/** Starts the Discord OAuth2 code flow. `login_as` is passed through for the Discord simulator. */
export function GET(req: NextRequest) {
  const env = dashboardEnv();
  if (!signInLimiters().address.admit(`login ${clientAddress(req.headers)}`))
    return NextResponse.redirect(new URL('/?error=too-many', env.dashboardUrl));
  const state = newState(req.nextUrl.searchParams.get('next') ?? '/');
  const loginAs = req.nextUrl.searchParams.get('login_as');
  const extra: Record<string, string> = {
    code_challenge: codeChallenge(state.verifier),
    code_challenge_method: 'S256',
  };
  if (loginAs && /^\d{1,21}$/.test(loginAs)) extra.login_as = loginAs;
  const res = NextResponse.redirect(authorizeUrl(env, state.state, extra));
  res.cookies.set(
    stateCookieName(),
    seal(env.authSecret, 'oauth-state', state),
    sessionCookieOptions(STATE_TTL_SECONDS),
  );
  return res;
}
