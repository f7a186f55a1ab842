import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { dashboardMetrics } from './dashboard-metrics';
import { routeMatcher, routesOfManifest, type RouteMatcher } from './route-label';

interface RequestMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Times every request the dashboard's HTTP server answers. The App Router has no hook around a
 * whole request (middleware sees neither the status nor the end), but Node publishes each request's
 * start and its response's finish on diagnostics channels, whatever framework serves it.
 */
export function observeRequests(): void {
  const routes = builtRoutes();
  const histogram = dashboardMetrics().requestDuration;
  const startedAt = new WeakMap<IncomingMessage, bigint>();
  subscribe('http.server.request.start', (message) => {
    startedAt.set((message as RequestMessage).request, process.hrtime.bigint());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as RequestMessage;
    const start = startedAt.get(request);
    if (start === undefined) return;
    startedAt.delete(request);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const path = (request.url ?? '/').split('?')[0];
    histogram.observe(
      { method: request.method ?? 'GET', route: routes.label(path), status: String(response.statusCode) },
      seconds,
    );
  });
}

/** `next start` runs in the app's folder, beside the build it serves. */
function builtRoutes(): RouteMatcher {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(join(process.cwd(), '.next', 'app-path-routes-manifest.json'), 'utf8'),
    );
    return routeMatcher(routesOfManifest(manifest));
  } catch (err) {
    console.error(
      'request metrics: no app-path-routes-manifest.json, every request is labelled unmatched',
      err,
    );
    return routeMatcher([]);
  }
}
