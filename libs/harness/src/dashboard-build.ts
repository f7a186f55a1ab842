import { join } from 'node:path';

interface DashboardBuild {
  ensureDashboardBuild(opts?: { log?: (line: string) => void; stdio?: 'pipe' | 'inherit' }): boolean;
  dashboardDir: string;
}

// The very build `npm start` makes (scripts/dashboard-build.js), so the tests cannot pass on a build
// that a newcomer's first start would not get.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require(join(__dirname, '..', '..', '..', 'scripts', 'dashboard-build.js')) as DashboardBuild;

export const DASHBOARD_DIR = build.dashboardDir;

/** Builds the dashboard for production unless a complete build of the same sources exists. */
export function ensureDashboardBuild(): void {
  build.ensureDashboardBuild();
}
