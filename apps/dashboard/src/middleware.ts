import { NextResponse, type NextRequest } from 'next/server';
import { dashboardEnv } from './lib/env';
import { crossSiteRefusal } from './lib/same-origin';

export function middleware(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith('/api/')) {
    const refusal = crossSiteRefusal(req.method, req.headers, new URL(dashboardEnv().dashboardUrl).origin);
    if (refusal)
      return NextResponse.json({ error: refusal }, { status: 403, headers: { 'cache-control': 'no-store' } });
    return NextResponse.next();
  }
  // Layouts do not receive the URL; the access check in a layout needs it to send an anonymous
  // visitor back to the page they asked for after signing in.
  const headers = new Headers(req.headers);
  headers.set('x-guildhall-path', req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Node, not the edge: the dashboard's environment is read at run time, as every route reads it.
export const config = { runtime: 'nodejs', matcher: ['/((?!_next/|favicon.ico).*)'] };
