// `npm run build`: everything the production image runs, built in the workspace: each package's
// TypeScript compiled to dist/ (scripts/compile.js) and the dashboard's production build
// (scripts/dashboard-build.js, skipped when a complete build of the same sources exists).
// `npm start` and the tests do not need it: they run the TypeScript sources.
'use strict';
const { compileWorkspace } = require('./compile');
const { ensureDashboardBuild } = require('./dashboard-build');

async function main() {
  const log = (line) => process.stdout.write(`[build] ${line}\n`);
  await compileWorkspace({ log });
  if (!ensureDashboardBuild({ log, stdio: 'inherit' })) log('the dashboard build is current');
}

main().catch((error) => {
  process.stderr.write(`[build] ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
