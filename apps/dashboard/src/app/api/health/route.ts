import { json } from '@/lib/api-response';
import { parseDashboardEnv } from '@/lib/env';
import { checkDependencies } from '@/lib/observability/dependency-checks';
import { healthReport } from '@/lib/observability/health-report';

export const dynamic = 'force-dynamic';

/**
 * Public, for probes and load balancers. 200 whenever this process can serve pages, with `degraded`
 * and the services that are down; 503 only when its own configuration makes every page fail.
 * It names services and what went wrong, never an address, a token or a secret.
 */
export async function GET() {
  try {
    parseDashboardEnv(process.env);
  } catch (err) {
    return json(
      { status: 'down', service: 'dashboard', problems: [`configuration: ${(err as Error).message}`] },
      503,
    );
  }
  try {
    return json(healthReport(await checkDependencies(), Math.round(process.uptime())));
  } catch (err) {
    // A fault in the checks is ours, not the process's: say so without failing the probe.
    console.error('health check failed', err);
    return json({ status: 'degraded', service: 'dashboard', problems: ['the dependency checks failed'] });
  }
}
