import { NextResponse, type NextRequest } from 'next/server';

/**
 * Layouts do not receive the URL; the access check in a layout needs it to send an anonymous
 * visitor back to the page they asked for after signing in.
 */
export function middleware(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set('x-guildhall-path', req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!api/|_next/|favicon.ico).*)'] };
