/** @type {import('next').NextConfig} */
const nextConfig = {
  // The workspace libraries ship TypeScript sources (main = src/index.ts), so Next compiles them.
  transpilePackages: ['@guildhall/platform', '@guildhall/contracts'],
  // NATS keeps sockets and timers; it runs as plain Node code, not bundled. prom-client too: the
  // instrumentation hook and the /metrics route are separate bundles and must share one copy.
  serverExternalPackages: ['@nats-io/transport-node', '@nats-io/nats-core', 'prom-client'],
  // forbidden() / unauthorized() give moderator pages a real 403 and member pages a 401.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
  images: { unoptimized: true },
};
export default nextConfig;
