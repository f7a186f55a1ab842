import { NextResponse, type NextRequest } from 'next/server';
import { DiscordOAuthError } from '@/lib/discord-oauth';
import { dashboardEnv } from '@/lib/env';
import { unseal } from '@/lib/session-seal';
import { sealSession, SESSION_COOKIE, SESSION_TTL_SECONDS, sessionCookieOptions } from '@/lib/session';
import { safeNext, signIn, STATE_COOKIE, type OAuthState } from '@/lib/sign-in';

export const dynamic = 'force-dynamic';

/** Discord sends the member back here with `code` and our `state`. */
export async function GET(req: NextRequest) {
  const env = dashboardEnv();
  const params = req.nextUrl.searchParams;
  const remembered = unseal<OAuthState>(env.authSecret, 'oauth-state', req.cookies.get(STATE_COOKIE)?.value);
  const fail = (reason: string) => {
    const res = NextResponse.redirect(new URL(`/?error=${encodeURIComponent(reason)}`, env.dashboardUrl));
    res.cookies.delete(STATE_COOKIE);
    return res;
  };
  if (params.get('error'))
    return fail(`Discord said: ${params.get('error_description') ?? params.get('error')}`);
  const code = params.get('code');
  if (!code) return fail('Discord did not send a sign-in code.');
  // The state ties this callback to the browser that started the sign-in (CSRF, RFC 6749 §10.12).
  if (!remembered || remembered.state !== params.get('state'))
    return fail('The sign-in expired or did not start here. Please try again.');
  try {
    const session = await signIn(env, code);
    // Checked again on the way out: a state sealed by an older version may hold any path.
    const res = NextResponse.redirect(new URL(safeNext(remembered.next), env.dashboardUrl));
    res.cookies.delete(STATE_COOKIE);
    res.cookies.set(SESSION_COOKIE, sealSession(session), sessionCookieOptions(SESSION_TTL_SECONDS));
    return res;
  } catch (err) {
    if (err instanceof DiscordOAuthError) return fail(err.message);
    throw err;
  }
}
