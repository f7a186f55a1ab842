/** The HTTP services the dashboard reads from and writes through. */
export const DEPENDENCIES = ['xp', 'roles', 'onboarding'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

export interface DependencyCheck {
  /** `degraded`: it answers but says it is behind (a consumer lagging, the outbox waiting). */
  status: 'up' | 'degraded' | 'down';
  latencyMs: number;
  /** Why it is not up, in words that name no address or credential. */
  reason?: string;
}

export interface DashboardHealth {
  status: 'ok' | 'degraded';
  service: 'dashboard';
  uptimeSeconds: number;
  dependencies: Record<Dependency, DependencyCheck>;
  problems: string[];
}

/** What a service's GET /health answer means for the dashboard. */
export function classifyAnswer(httpStatus: number, body: unknown, latencyMs: number): DependencyCheck {
  if (httpStatus === 503)
    return { status: 'down', latencyMs, reason: 'answered 503: its database or NATS does not answer' };
  if (httpStatus !== 200) return { status: 'down', latencyMs, reason: `answered ${httpStatus}` };
  const reported = (body as { status?: unknown } | undefined)?.status;
  if (reported === 'ok') return { status: 'up', latencyMs };
  if (reported === 'degraded') return { status: 'degraded', latencyMs, reason: 'reports degraded' };
  return { status: 'down', latencyMs, reason: 'answered 200 without a health report' };
}

/**
 * The dashboard is `ok` only when every dependency is up. A dependency down never makes the
 * dashboard's own probe fail: pulling every dashboard pod because xp is down would turn one broken
 * page into a site that does not load at all.
 */
export function healthReport(
  checks: Record<Dependency, DependencyCheck>,
  uptimeSeconds: number,
): DashboardHealth {
  const problems = DEPENDENCIES.filter((d) => checks[d].status !== 'up').map(
    (d) => `${d}: ${checks[d].reason ?? checks[d].status}`,
  );
  return {
    status: problems.length === 0 ? 'ok' : 'degraded',
    service: 'dashboard',
    uptimeSeconds,
    dependencies: checks,
    problems,
  };
}
