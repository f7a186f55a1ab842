import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container } from './references';

const ROOT = join(__dirname, '..', '..', '..');

/** NATS's monitoring port answers these (docs.nats.io, "Monitoring"); the manifests probe /healthz. */
const NATS_MONITORING = ['/healthz', '/varz', '/jsz', '/connz', '/routez'];

/**
 * The routes each container of the `guildhall` image serves, read from the sources, so a probe on a
 * route that was renamed or never existed fails the check: every service's GET routes of
 * PlatformModule (libs/platform/src/http), and the dashboard's App Router route handlers.
 */
export function sourceRoutes(root = ROOT): (c: Container) => readonly string[] | undefined {
  const service = platformRoutes(root);
  const dashboard = dashboardRoutes(join(root, 'apps', 'dashboard', 'src', 'app'), '');
  return (c) => {
    const image = c.image ?? '';
    if (/^nats(:|@|$)/.test(image.split('/').pop() ?? '')) return NATS_MONITORING;
    if (!/(^|\/)guildhall(:|@|$)/.test(image)) return undefined;
    const which = c.env?.find((e) => e.name === 'SERVICE')?.value;
    return which === 'dashboard' ? dashboard : service;
  };
}

function platformRoutes(root: string): string[] {
  const dir = join(root, 'libs', 'platform', 'src', 'http');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.controller.ts'))
    .flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      // The platform's controllers are mounted at the root (`@Controller()`).
      if (!/@Controller\(\)/.test(text)) return [];
      return [...text.matchAll(/@Get\('([^']*)'\)/g)].map((m) => `/${m[1]}`);
    });
}

/** `app/api/health/route.ts` serves /api/health; route groups `(member)` add no segment. */
function dashboardRoutes(dir: string, prefix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === 'route.ts' ? [prefix || '/'] : [];
    if (!entry.isDirectory()) return [];
    const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
    return dashboardRoutes(join(dir, entry.name), prefix + segment);
  });
}
