import type { NatsConnection } from '@nats-io/nats-core';
import { DASHBOARD_DIR, ensureDashboardBuild } from '@guildhall/harness';
import { freePort, ServiceProcess, waitUntil } from '../lib/processes';
import { barChart, fmt, progress, progressDone, summarize, type LatencySummary } from '../lib/report';
import { APPLICATION_ID, CLIENT_SECRET, PlatformRun, TOKEN } from '../platform-run';
import { buildBenchGuild, type BenchGuild, type GuildSize } from './bench-guild';
import { DASHBOARD_PAGES, type DashboardPage } from './pages';

export interface DashboardOptions extends GuildSize {
  /** Timed requests per page, after `warmup` untimed ones. */
  requests: number;
  warmup: number;
  timeoutMinutes: number;
}

export interface PageTiming extends LatencySummary {
  page: DashboardPage;
  bytes: number;
}

/** The p95 the issue aims at, for every page at 100,000 members. */
export const TARGET_P95_MS = 300;

/**
 * "dashboard pages": a guild of `members` members filled through the real services, the
 * dashboard's production build started against them, and every page of DASHBOARD_PAGES timed
 * from request to the last byte of the body, signed in as a moderator (or anonymous for the
 * public ones). Prints the table and a chart; returns the timings.
 */
export async function dashboardPages(
  nc: NatsConnection,
  databaseUrl: string,
  natsUrl: string,
  options: DashboardOptions,
): Promise<PageTiming[]> {
  ensureDashboardBuild();
  const run = new PlatformRun(databaseUrl, natsUrl);
  let timer: NodeJS.Timeout | undefined;
  // The phase stops by itself: past the deadline it fails, and `finally` stops every process.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `dashboard phase: not done after ${options.timeoutMinutes} minutes (BENCH_DASHBOARD_MINUTES)`,
          ),
        ),
      options.timeoutMinutes * 60_000,
    );
  });
  const work = async () => {
    await run.start(['xp', 'roles', 'onboarding'], { gateway: false });
    const filled = performance.now();
    const guild = await buildBenchGuild(run, nc, options);
    process.stderr.write(
      `dashboard: guild of ${guild.members.toLocaleString('en-US')} members ready in ${fmt((performance.now() - filled) / 1000)} s\n`,
    );
    const url = await startDashboard(run, natsUrl);
    const cookie = await signIn(url, guild.moderatorId);
    const timings = await timePages(url, guild, cookie, options);
    printTable(timings, guild);
    return timings;
  };
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    await run.stop(nc);
  }
}

async function startDashboard(run: PlatformRun, natsUrl: string): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  run.processes.push(
    ServiceProcess.node(
      'dashboard',
      [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        AUTH_SECRET: run.authSecret,
        DASHBOARD_URL: url,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_CLIENT_SECRET: CLIENT_SECRET,
        DISCORD_OAUTH_URL: run.simUrl,
        DISCORD_API_URL: `${run.simUrl}/api`,
        DISCORD_TOKEN: TOKEN,
        XP_URL: `http://127.0.0.1:${run.ports.xp}`,
        ROLES_URL: `http://127.0.0.1:${run.ports.roles}`,
        ONBOARDING_URL: `http://127.0.0.1:${run.ports.onboarding}`,
        NATS_URL: natsUrl,
        EVENT_NAMESPACE: run.namespace,
      },
      DASHBOARD_DIR,
    ),
  );
  await waitUntil('the dashboard', async () => (await fetch(`${url}/api/session`)).ok, 60_000);
  return url;
}

/** Signs in through the real flow: the dashboard's login → the simulator's OAuth (`login_as`) → the callback. */
async function signIn(url: string, userId: string): Promise<string> {
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith(`${name}=`));
  const login = await fetch(`${url}/api/auth/login?login_as=${userId}&next=/`, { redirect: 'manual' });
  const state = cookieOf(login, 'gh_oauth_state');
  const authorize = await fetch(login.headers.get('location') ?? '', { redirect: 'manual' });
  const callback = await fetch(authorize.headers.get('location') ?? '', {
    redirect: 'manual',
    headers: { cookie: state ?? '' },
  });
  const session = cookieOf(callback, 'gh_session');
  if (!session)
    throw new Error(
      `sign-in as ${userId} failed: login ${login.status}, authorize ${authorize.status}, callback ${callback.status} → ${callback.headers.get('location')}`,
    );
  const who = (await (await fetch(`${url}/api/session`, { headers: { cookie: session } })).json()) as {
    guilds: { role: string }[];
  };
  if (!who.guilds.some((g) => g.role === 'moderator' || g.role === 'owner'))
    throw new Error(`${userId} signed in without moderator rights: ${JSON.stringify(who)}`);
  return session;
}

/** One request, timed from sending to the last byte of the body (the first event for a stream). */
async function timeOnce(
  url: string,
  page: DashboardPage,
  g: BenchGuild,
  cookie: string,
): Promise<{ ms: number; bytes: number }> {
  const abort = new AbortController();
  const started = performance.now();
  const res = await fetch(`${url}${page.path(g)}`, {
    redirect: 'manual',
    headers: page.as === 'moderator' ? { cookie } : {},
    signal: abort.signal,
  });
  let bytes = 0;
  if (page.kind === 'stream') {
    const first = await res.body!.getReader().read();
    bytes = first.value?.length ?? 0;
    abort.abort();
  } else bytes = (await res.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  if (res.status !== 200)
    throw new Error(
      `${page.name}: GET ${page.path(g)} answered ${res.status} ${res.headers.get('location') ?? ''}`,
    );
  return { ms, bytes };
}

/** Round-robin over the pages, so a slow moment of the machine falls on every page alike. */
async function timePages(
  url: string,
  g: BenchGuild,
  cookie: string,
  options: DashboardOptions,
): Promise<PageTiming[]> {
  const samples = DASHBOARD_PAGES.map(() => [] as number[]);
  const bytes = DASHBOARD_PAGES.map(() => 0);
  const rounds = options.warmup + options.requests;
  for (let r = 0; r < rounds; r++) {
    for (const [i, page] of DASHBOARD_PAGES.entries()) {
      const t = await timeOnce(url, page, g, cookie);
      if (r >= options.warmup) samples[i].push(t.ms);
      bytes[i] = t.bytes;
    }
    progress('dashboard: requests', r + 1, rounds, r < options.warmup ? '(warm-up)' : '');
  }
  progressDone();
  return DASHBOARD_PAGES.map((page, i) => ({ page, bytes: bytes[i], ...summarize(samples[i]) }));
}

function printTable(timings: PageTiming[], g: BenchGuild): void {
  const base = timings[0];
  const out = process.stdout;
  out.write(
    `\nDashboard server time at ${g.members.toLocaleString('en-US')} members, request → full body, n=${base.count} per page (target p95 < ${TARGET_P95_MS} ms)\n`,
  );
  out.write(`  ×base: p50 over the p50 of "${base.page.name}"\n`);
  out.write(
    `  ${'page'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)} ${'×base'.padStart(7)} ${'KB'.padStart(6)}\n`,
  );
  for (const t of timings) {
    const flag = t.p95 >= TARGET_P95_MS ? '  over target' : '';
    out.write(
      `  ${t.page.name.padEnd(34)} ${fmt(t.p50).padStart(5)} ms ${fmt(t.p95).padStart(5)} ms ${fmt(t.max).padStart(5)} ms ${`${fmt(t.p50 / base.p50)}×`.padStart(7)} ${fmt(t.bytes / 1024).padStart(6)}${flag}\n`,
    );
  }
  out.write(
    '\n' +
      barChart(
        'Dashboard p95 server time (lower is better)',
        timings.map((t) => ({ label: t.page.name.slice(0, 28), value: Math.round(t.p95), unit: 'ms' })),
      ) +
      '\n',
  );
}
