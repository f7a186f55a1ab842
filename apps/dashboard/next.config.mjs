/**
 * Sent with every response. Next's App Router streams its data in inline scripts, so scripts need
 * 'unsafe-inline' (a nonce would make every page dynamic); what the policy buys is that nothing
 * loads or connects anywhere but here (and Discord's image CDN), no page can be framed
 * (clickjacking a moderator's button), no plugin runs, and no form posts elsewhere.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://cdn.discordapp.com",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The workspace libraries ship TypeScript sources (main = src/index.ts), so Next compiles them.
  transpilePackages: ['@guildhall/platform', '@guildhall/contracts'],
  // NATS (live views, the session bucket) keeps sockets and timers; it runs as plain Node code, not bundled. prom-client too: the
  // instrumentation hook and the /metrics route are separate bundles and must share one copy.
  serverExternalPackages: [
    '@nats-io/transport-node',
    '@nats-io/nats-core',
    '@nats-io/jetstream',
    '@nats-io/kv',
    'prom-client',
  ],
  // forbidden() / unauthorized() give moderator pages a real 403 and member pages a 401.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
  images: { unoptimized: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};
export default nextConfig;
