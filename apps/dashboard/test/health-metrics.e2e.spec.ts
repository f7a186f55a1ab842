import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectNats, deleteStreams, Topology } from '@guildhall/eventing';
import { freePort, startService, type RunningService } from '@guildhall/harness';
import { deleteSessionBucket, startDashboard, waitFor, type RunningDashboard } from './platform-harness';

/**
 * The production build's /api/health and /metrics, which the Kubernetes probes and the Prometheus
 * scrape of deploy/k8s rely on: xp and roles run, onboarding does not.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const id = randomBytes(4).toString('hex');
const namespace = `dhm${id}`;
const schema = (service: string) => `dhm_${id}_${service}`;
const authSecret = randomBytes(32).toString('hex');
const clientSecret = `client-secret-${randomBytes(8).toString('hex')}`;
const services: RunningService[] = [];
let dashboard: RunningDashboard;
let onboardingPort: number;

jest.setTimeout(300_000);

beforeAll(async () => {
  for (const name of ['xp', 'roles'] as const)
    services.push(
      await startService(name, {
        ...process.env,
        DATABASE_URL,
        NATS_URL,
        DB_SCHEMA: schema(name),
        EVENT_NAMESPACE: namespace,
        AUTH_SECRET: authSecret,
        PORT: '0',
      }),
    );
  // Nothing listens here: onboarding is down for the whole file.
  onboardingPort = await freePort();
  dashboard = await startDashboard({
    AUTH_SECRET: authSecret,
    DISCORD_APPLICATION_ID: '1100000000000000001',
    DISCORD_CLIENT_SECRET: clientSecret,
    XP_URL: services[0].url,
    ROLES_URL: services[1].url,
    ONBOARDING_URL: `http://127.0.0.1:${onboardingPort}`,
    NATS_URL,
    EVENT_NAMESPACE: namespace,
  });
});

afterAll(async () => {
  await dashboard?.stop();
  for (const s of services.reverse()) await s.stop().catch(() => undefined);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  for (const s of ['xp', 'roles']) await db.query(`DROP SCHEMA IF EXISTS "${schema(s)}" CASCADE`);
  await db.end();
  const nc = await connectNats(NATS_URL, `dashboard-health-test-${id}`);
  await deleteStreams(nc, new Topology(namespace)).catch(() => undefined);
  await deleteSessionBucket(nc, namespace);
  await nc.close();
});

/** Nothing a visitor could use: no secret, no internal address. */
function expectNothingSecret(body: string): void {
  for (const secret of [authSecret, clientSecret, '127.0.0.1', `:${onboardingPort}`])
    expect(body).not.toContain(secret);
  for (const s of services) expect(body).not.toContain(`:${s.port}`);
}

interface Health {
  status: string;
  service: string;
  dependencies: Record<string, { status: string; latencyMs: number; reason?: string }>;
  problems: string[];
}

describe('the dashboard as probes and Prometheus see it', () => {
  it('answers /api/health with 200 and names the service that is down, without signing in', async () => {
    let health: Health | undefined;
    let text = '';
    // xp and roles may say degraded for a moment while their consumers start.
    await waitFor(
      async () => {
        const res = await fetch(`${dashboard.url}/api/health`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        text = await res.text();
        health = JSON.parse(text) as Health;
        return health.dependencies.xp.status === 'up' && health.dependencies.roles.status === 'up';
      },
      60_000,
      () => `xp and roles never showed up in the dashboard's health: ${text}`,
    );
    expect(health).toMatchObject({
      status: 'degraded',
      service: 'dashboard',
      dependencies: { onboarding: { status: 'down', reason: 'unreachable (ECONNREFUSED)' } },
      problems: ['onboarding: unreachable (ECONNREFUSED)'],
    });
    expectNothingSecret(text);
  });

  it('serves Prometheus text with process metrics, request timings by route and the dependency gauges', async () => {
    await fetch(`${dashboard.url}/api/guilds/123456789012345678/leaderboard`);
    const res = await fetch(`${dashboard.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^guildhall_dashboard_dependency_up\{dependency="xp"\} 1$/m);
    expect(text).toMatch(/^guildhall_dashboard_dependency_up\{dependency="roles"\} 1$/m);
    expect(text).toMatch(/^guildhall_dashboard_dependency_up\{dependency="onboarding"\} 0$/m);
    expect(text).toMatch(/^guildhall_dashboard_dependency_check_seconds\{dependency="onboarding"\} /m);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} [1-9]/m,
    );
    // The guild id stays out of the label: one series per route, not per guild.
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/guilds\/\[guildId\]\/leaderboard",status="\d+"\} 1$/m,
    );
    expect(text).not.toContain('123456789012345678');
    expectNothingSecret(text);
  });
});

/** What the page shows in its alert box, tags dropped and entities decoded. */
function alertText(html: string): string | undefined {
  const alert = /<div role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
  return alert
    ?.replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

describe('what the browser is told', () => {
  it('sends security headers with pages and API answers, so no other site can frame a page or load from elsewhere', async () => {
    for (const path of ['/', '/api/health', '/api/guilds/123456789012345678/leaderboard']) {
      const res = await fetch(`${dashboard.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
        "connect-src 'self'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('never shows Discord’s error_description (or any text from a link) on the home page: a phishing message through the sign-in callback', async () => {
    const phish = 'Your account is suspended, verify at evil.example';
    const callback = await fetch(
      `${dashboard.url}/api/auth/callback?error=access_denied&error_description=${encodeURIComponent(phish)}`,
      { redirect: 'manual' },
    );
    expect(callback.status).toBe(307);
    const location = new URL(callback.headers.get('location')!);
    expect(location.pathname + location.search).toBe('/?error=denied');
    const home = await (await fetch(`${dashboard.url}${location.pathname}${location.search}`)).text();
    expect(alertText(home)).toBe(
      'Sign-in did not finishYou did not allow Guildhall on Discord. Press "Sign in with Discord" to try again.',
    );

    // The home page itself shows only its own messages, whatever the link says.
    const crafted = await (await fetch(`${dashboard.url}/?error=${encodeURIComponent(phish)}`)).text();
    expect(alertText(crafted)).toBe(
      'Sign-in did not finishDiscord did not complete the sign-in. Please try again.',
    );
    expect(crafted.replace(/<script[\s\S]*?<\/script>/g, '')).not.toContain('evil.example');
  });

  it('stops an address that keeps signing in (a script replaying sign-ins) after 30 logins or callbacks in 10 minutes, and only that address', async () => {
    const step = (path: string, address: string) =>
      fetch(`${dashboard.url}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': address } });
    const landing = (res: Response) => {
      const location = new URL(res.headers.get('location')!);
      return location.origin === dashboard.url ? location.pathname + location.search : location.origin;
    };
    const script = '198.51.100.7';
    const callbacks: string[] = [];
    for (let i = 0; i < 31; i++) callbacks.push(landing(await step('/api/auth/callback?code=x', script)));
    expect(callbacks.slice(0, 30)).toEqual(Array(30).fill('/?error=expired'));
    expect(callbacks[30]).toBe('/?error=too-many');
    const logins: string[] = [];
    for (let i = 0; i < 31; i++) logins.push(landing(await step('/api/auth/login', script)));
    expect(logins.slice(0, 30).every((l) => l !== '/?error=too-many')).toBe(true);
    expect(logins[30]).toBe('/?error=too-many');
    // Behind the ingress each client is its own address: a neighbour signs in as usual.
    expect(landing(await step('/api/auth/callback?code=x', '203.0.113.50'))).toBe('/?error=expired');

    const home = await (await fetch(`${dashboard.url}/?error=too-many`)).text();
    expect(alertText(home)).toBe(
      'Sign-in did not finishToo many sign-ins from here or for this account. Wait a few minutes, then try again.',
    );
  });
});
