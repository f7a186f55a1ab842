import { NextResponse } from 'next/server';
import { dashboardEnv } from '@/lib/env';
import { SESSION_COOKIE } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** POST only, so a link on another site cannot sign the member out. */
export function POST() {
  const res = NextResponse.redirect(new URL('/', dashboardEnv().dashboardUrl), 303);
  res.cookies.delete(SESSION_COOKIE);
  return res;
}
