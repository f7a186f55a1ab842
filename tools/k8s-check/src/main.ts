import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkOverlay, K8S_DIR } from './check-manifests';
import { formatProblem } from './manifest';

/** `npm run k8s:check [overlay...]`: every overlay of deploy/k8s unless given some. */
function main(): void {
  const overlays = process.argv.slice(2).length
    ? process.argv.slice(2).map((d) => resolve(d))
    : readdirSync(join(K8S_DIR, 'overlays')).map((d) => join(K8S_DIR, 'overlays', d));
  let failed = false;
  for (const dir of overlays) {
    const problems = checkOverlay(dir);
    console.log(`${dir}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
    for (const p of problems) console.log(`  ${formatProblem(p)}`);
    failed ||= problems.length > 0;
  }
  process.exitCode = failed ? 1 : 0;
}

main();
