import { parseDashboardEnv } from '../env';
import { dashboardMetrics } from './dashboard-metrics';
import { classifyAnswer, DEPENDENCIES, type Dependency, type DependencyCheck } from './health-report';

/**
 * The probes in deploy/k8s allow the dashboard 3 s; the checks run side by side, so a hung service
 * costs 1.5 s and the dashboard's answer still arrives in time, naming it.
 */
const CHECK_TIMEOUT_MS = 1500;

/** Asks each service's GET /health at once; never throws. Also sets the dependency gauges. */
export async function checkDependencies(): Promise<Record<Dependency, DependencyCheck>> {
  // The service URLs only; parsed afresh so a missing AUTH_SECRET is reported by the caller, not here.
  const env = parseDashboardEnv({ ...process.env, AUTH_SECRET: process.env.AUTH_SECRET || 'unused' });
  const urls: Record<Dependency, string> = {
    xp: env.xpUrl,
    roles: env.rolesUrl,
    onboarding: env.onboardingUrl,
  };
  const results = await Promise.all(DEPENDENCIES.map((d) => checkOne(urls[d])));
  const checks = Object.fromEntries(DEPENDENCIES.map((d, i) => [d, results[i]])) as Record<
    Dependency,
    DependencyCheck
  >;
  const metrics = dashboardMetrics();
  for (const d of DEPENDENCIES) {
    metrics.dependencyUp.set({ dependency: d }, checks[d].status === 'down' ? 0 : 1);
    metrics.dependencyCheckSeconds.set({ dependency: d }, checks[d].latencyMs / 1000);
  }
  return checks;
}

async function checkOne(baseUrl: string): Promise<DependencyCheck> {
  const started = Date.now();
  try {
    const res = await fetch(`${baseUrl}/health`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    const body: unknown = await res.json().catch(() => undefined);
    return classifyAnswer(res.status, body, Date.now() - started);
  } catch (err) {
    return { status: 'down', latencyMs: Date.now() - started, reason: unreachable(err) };
  }
}

/** The error's kind only: fetch's messages and causes carry the address it tried. */
function unreachable(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${CHECK_TIMEOUT_MS} ms`;
  const code = e.cause?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `unreachable (${code})` : 'unreachable';
}
