import { NextResponse, type NextRequest } from 'next/server';
import { revokeToken } from '@/lib/discord-oauth';
import { dashboardEnv } from '@/lib/env';
import { clearCookie, sessionCookieName } from '@/lib/session';
import { decrypt } from '@/lib/session-seal';
import { keyOfCookie, sessionStore } from '@/lib/session-store';
import { DISCORD_TOKEN_PURPOSE } from '@/lib/sign-in';

export const dynamic = 'force-dynamic';

/**
 * Ends the session on the server, so a copy of the cookie is worth nothing afterwards;
 * `?everywhere=1` ends every session of the member and revokes their Discord tokens.
 * POST only (and same-origin, see middleware), so another site cannot sign the member out.
 */
export async function POST(req: NextRequest) {
  const env = dashboardEnv();
  const res = NextResponse.redirect(new URL('/', env.dashboardUrl), 303);
  clearCookie(res, sessionCookieName());
  const value = req.cookies.get(sessionCookieName())?.value;
  const id = keyOfCookie(value);
  if (!id) return res;
  const store = await sessionStore();
  const stored = await store.read(value);
  if (!stored) return res;
  if (req.nextUrl.searchParams.get('everywhere') !== '1') {
    await store.revoke(id.key);
    return res;
  }
  const ended = await store.revokeAll(id.userId);
  await Promise.all(
    ended.map(async (record) => {
      const token = decrypt(env.authSecret, DISCORD_TOKEN_PURPOSE, record.discordToken);
      if (token)
        await revokeToken(env, token).catch((err: Error) =>
          console.warn(`revoking a Discord token of ${id.userId} failed: ${err.message}`),
        );
    }),
  );
  return res;
}
