import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const DASHBOARD_DIR = path.resolve(__dirname, '..', '..', 'apps', 'dashboard');

/**
 * The dashboard's production build, the way `npm start` and the e2e harness make it
 * (`next build` with NODE_ENV=production), rebuilt only when a source file is newer. A build
 * counts as present only when complete (BUILD_ID and prerender-manifest.json); a failed one is
 * removed so nothing later trusts it. Kept in this one function until scripts/ offers a shared one.
 */
export function buildDashboard(log: (line: string) => void = () => undefined): void {
  const next = path.join(DASHBOARD_DIR, '.next');
  const buildId = path.join(next, 'BUILD_ID');
  const complete = existsSync(buildId) && existsSync(path.join(next, 'prerender-manifest.json'));
  const builtAt = complete ? statSync(buildId).mtimeMs : 0;
  const inputs = ['src', 'next.config.mjs', 'package.json', 'postcss.config.mjs'].map((p) => path.join(DASHBOARD_DIR, p));
  if (builtAt > 0 && newest(inputs) < builtAt) return;
  log('building the dashboard (next build, production)…');
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: DASHBOARD_DIR,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (result.status !== 0) {
    rmSync(buildId, { force: true });
    throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function newest(paths: string[]): number {
  let max = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) max = Math.max(max, newest(readdirSync(p).map((n) => path.join(p, n))));
    else if (!p.endsWith('.spec.ts')) max = Math.max(max, s.mtimeMs);
  }
  return max;
}
