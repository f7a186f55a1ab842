import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface DashboardMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  dependencyUp: Gauge<'dependency'>;
  dependencyCheckSeconds: Gauge<'dependency'>;
}

// Next bundles instrumentation.ts and each route separately, so a module-level variable would
// exist once per bundle; the process-wide symbol makes every bundle find the one registry.
const KEY = Symbol.for('guildhall.dashboard.metrics');

/** The process's registry, created on first use (never at import time). */
export function dashboardMetrics(): DashboardMetrics {
  const holder = globalThis as { [KEY]?: DashboardMetrics };
  holder[KEY] ??= create();
  return holder[KEY];
}

function create(): DashboardMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    // Same name and labels as the services' (libs/platform), so one dashboard panel shows them all.
    requestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    dependencyUp: new Gauge({
      name: 'guildhall_dashboard_dependency_up',
      help: '1 when the service answered its GET /health at the last check (ok or degraded), else 0',
      labelNames: ['dependency'],
      registers: [registry],
    }),
    dependencyCheckSeconds: new Gauge({
      name: 'guildhall_dashboard_dependency_check_seconds',
      help: 'How long the last GET /health of the service took',
      labelNames: ['dependency'],
      registers: [registry],
    }),
  };
}
