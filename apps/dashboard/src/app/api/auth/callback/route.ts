import { NextResponse, type NextRequest } from 'next/server';
import { ServiceError } from '@/lib/clients/service-fetch';
import { DiscordOAuthError } from '@/lib/discord-oauth';
import { dashboardEnv } from '@/lib/env';
import { clientAddress } from '@/lib/client-address';
import { unseal } from '@/lib/session-seal';
import {
  clearCookie,
  SESSION_TTL_SECONDS,
  sessionCookieName,
  sessionCookieOptions,
  stateCookieName,
} from '@/lib/session';
import { sessionStore, SessionsUnavailable } from '@/lib/session-store';
import { safeNext, signIn, TooManySignIns, type OAuthState } from '@/lib/sign-in';
import { fromDiscordError, type SignInError } from '@/lib/sign-in-errors';
import { signInLimiters } from '@/lib/sign-in-limits';

export const dynamic = 'force-dynamic';

/** Discord sends the member back here with `code` and our `state`. */
export async function GET(req: NextRequest) {
  const env = dashboardEnv();
  const params = req.nextUrl.searchParams;
  const remembered = unseal<OAuthState>(
    env.authSecret,
    'oauth-state',
    req.cookies.get(stateCookieName())?.value,
  );
  const fail = (reason: SignInError) => {
    const res = NextResponse.redirect(new URL(`/?error=${reason}`, env.dashboardUrl));
    clearCookie(res, stateCookieName());
    return res;
  };
  // Counted before anything else, failures included: each callback may cost Discord calls.
  if (!signInLimiters().address.admit(`callback ${clientAddress(req.headers)}`)) return fail('too-many');
  const discordError = params.get('error');
  if (discordError) return fail(fromDiscordError(discordError));
  const code = params.get('code');
  if (!code) return fail('no-code');
  // The state ties this callback to the browser that started the sign-in (CSRF, RFC 6749 §10.12).
  if (!remembered?.verifier || remembered.state !== params.get('state')) return fail('expired');
  try {
    const record = await signIn(env, code, remembered.verifier);
    const cookie = await sessionStore()
      .then((store) => store.create(record.user.id, record))
      .catch((err: unknown) => {
        throw err instanceof SessionsUnavailable ? err : new SessionsUnavailable(err);
      });
    // Checked again on the way out: a state sealed by an older version may hold any path.
    const res = NextResponse.redirect(new URL(safeNext(remembered.next), env.dashboardUrl));
    clearCookie(res, stateCookieName());
    res.cookies.set(sessionCookieName(), cookie, sessionCookieOptions(SESSION_TTL_SECONDS));
    return res;
  } catch (err) {
    if (err instanceof DiscordOAuthError) {
      // The details (Discord's status and answer) are for the operator, not the page.
      console.warn(`sign-in failed: ${err.message}`);
      return fail(err.status === 503 ? 'unreachable' : 'rejected');
    }
    if (err instanceof TooManySignIns) return fail('too-many');
    if (err instanceof ServiceError || err instanceof SessionsUnavailable) {
      console.warn(`sign-in failed: ${err.message}`);
      return fail('services');
    }
    throw err;
  }
}
