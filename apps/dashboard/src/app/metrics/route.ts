import { prometheusContentType } from 'prom-client';
import { checkDependencies } from '@/lib/observability/dependency-checks';
import { dashboardMetrics } from '@/lib/observability/dashboard-metrics';

export const dynamic = 'force-dynamic';

/** Prometheus scrape, public like the services' /metrics. The dependency gauges are measured per scrape. */
export async function GET() {
  await checkDependencies().catch((err: unknown) => console.error('dependency checks failed', err));
  const body = await dashboardMetrics().registry.metrics();
  return new Response(body, {
    headers: { 'content-type': prometheusContentType, 'cache-control': 'no-store' },
  });
}
