import { ApiError } from '../http/api-error';
import { ok, route, type Route } from '../http/router';
import type { DemoCommunity, DemoOptions } from './demo-community';

interface DemoHost {
  startDemo(options: DemoOptions): DemoCommunity;
  readonly demoCommunity: DemoCommunity | null;
}

export function demoRoutes(host: DemoHost): Route[] {
  return [
    route(
      'POST',
      '/_sim/demo',
      (ctx) => ok(host.startDemo((ctx.body ?? {}) as DemoOptions).status(), 201),
      'none',
    ),
    route(
      'GET',
      '/_sim/demo',
      () => {
        if (!host.demoCommunity) throw new ApiError(404, 0, 'no demo running');
        return ok(host.demoCommunity.status());
      },
      'none',
    ),
  ];
}
