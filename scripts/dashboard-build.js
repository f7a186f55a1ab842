// The dashboard's production build, one way for everybody: `npm start`, the browser tests and the bench.
// A build counts only when it finished: the stamp is written last and removed before building, so a
// build that failed or was killed leaves nothing a later start trusts (Next writes BUILD_ID early).
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dashboardDir = path.join(root, 'apps', 'dashboard');
const stampFile = path.join(dashboardDir, '.next', 'guildhall-build.json');

/** What the build is made of: the app and the workspace libraries Next transpiles into it. */
const INPUTS = [
  'apps/dashboard/src',
  'apps/dashboard/next.config.mjs',
  'apps/dashboard/package.json',
  'apps/dashboard/postcss.config.mjs',
  'apps/dashboard/tsconfig.json',
  'libs/contracts/src',
  'libs/platform/src',
  'package-lock.json',
];

function filesOf(p) {
  if (!fs.existsSync(p)) return [];
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return p.endsWith('.spec.ts') ? [] : [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((name) => filesOf(path.join(p, name)));
}

/** A content hash, not mtimes: a fresh clone has new mtimes but needs no new build if one exists. */
function inputsHash() {
  const hash = crypto.createHash('sha256');
  for (const file of INPUTS.flatMap((p) => filesOf(path.join(root, p)))) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isBuildCurrent(hash = inputsHash()) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return (
      stamp.inputsHash === hash && fs.existsSync(path.join(dashboardDir, '.next', 'prerender-manifest.json'))
    );
  } catch {
    return false;
  }
}

/**
 * Builds the dashboard unless a complete build of the same inputs exists. Always as production:
 * Next 15 fails to prerender /404 when NODE_ENV is development, whatever the shell exported.
 * Returns true when it built. Throws with the build's output when the build fails.
 */
function ensureDashboardBuild({ log = () => undefined, stdio = 'pipe' } = {}) {
  const hash = inputsHash();
  if (isBuildCurrent(hash)) return false;
  fs.rmSync(stampFile, { force: true });
  log('building the dashboard (once per change of its sources)');
  const next = require.resolve('next/dist/bin/next', { paths: [dashboardDir] });
  const result = spawnSync(process.execPath, [next, 'build'], {
    cwd: dashboardDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: stdio === 'inherit' ? 'inherit' : 'pipe',
    timeout: 900_000,
  });
  if (result.status !== 0) {
    const output = stdio === 'inherit' ? '' : `\n${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    throw new Error(`the dashboard build failed (${result.signal ?? `exit ${result.status}`})${output}`);
  }
  fs.writeFileSync(stampFile, JSON.stringify({ inputsHash: hash, builtAt: new Date().toISOString() }));
  return true;
}

module.exports = { ensureDashboardBuild, isBuildCurrent, dashboardDir };
