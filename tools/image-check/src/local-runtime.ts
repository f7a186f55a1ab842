import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stage } from './dockerfile';
import { productionInstall, runtimeUser } from './runtime-stage';

export const ROOT = join(__dirname, '..', '..', '..');

interface Scripts {
  compile: { compileWorkspace(): Promise<unknown> };
  dashboard: { ensureDashboardBuild(): boolean };
  runtimeTree: { assembleRuntimeTree(out: string): void; SHIPPED: readonly string[]; DASHBOARD: string };
}

// The very scripts the Dockerfile runs, so this cannot pass on steps the image does not take.
/* eslint-disable @typescript-eslint/no-require-imports */
const scripts: Scripts = {
  compile: require(join(ROOT, 'scripts', 'compile.js')),
  dashboard: require(join(ROOT, 'scripts', 'dashboard-build.js')),
  runtimeTree: require(join(ROOT, 'scripts', 'image', 'runtime-tree.js')),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Who the processes run as: the image's numeric USER when we may switch to it (as root), else us. */
export interface RuntimeUser {
  uid: number;
  gid: number;
}

/** The runtime stage of the image, rebuilt in a folder: what `/app` holds in the container. */
export interface LocalRuntime {
  dir: string;
  /** The packages whose dist/ ships (`services/xp`), and the dashboard's folder. */
  packages: readonly string[];
  dashboard: string;
  user?: RuntimeUser;
  remove(): void;
}

/**
 * npm as a fresh shell would run it: `npm test` exports npm_config_* (the workspace's prefix among
 * them), which would point this install at the workspace itself.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
  );
}

function install(dir: string, stages: readonly Stage[]): void {
  const [command, ...args] = productionInstall(stages);
  // --prefer-offline: the npm cache has every package the workspace's own `npm ci` fetched.
  const result = spawnSync(command, [...args, '--prefer-offline'], {
    cwd: dir,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.signal ?? result.status}):\n${result.stderr}`,
    );
}

/**
 * The Dockerfile's steps on this machine: `npm run build` (incremental for the dashboard), the
 * runtime files from scripts/image/runtime-tree.js, the deps stage's own install command run on
 * the manifests alone, then the compiled files on top, owned as in the image.
 */
export async function buildLocalRuntime(stages: readonly Stage[]): Promise<LocalRuntime> {
  await scripts.compile.compileWorkspace();
  scripts.dashboard.ensureDashboardBuild();
  const work = mkdtempSync(join(tmpdir(), 'guildhall-image-'));
  const remove = () => rmSync(work, { recursive: true, force: true });
  try {
    // mkdtemp makes it private; in the image every user may read /app.
    chmodSync(work, 0o755);
    const files = join(work, 'files');
    const dir = join(work, 'app');
    scripts.runtimeTree.assembleRuntimeTree(files);
    cpSync(join(files, 'manifests'), dir, { recursive: true });
    install(dir, stages);
    cpSync(join(files, 'app'), dir, { recursive: true });
    rmSync(files, { recursive: true, force: true });
    const imageUser = runtimeUser(stages);
    const user = process.getuid?.() === 0 ? (imageUser ?? { uid: 65534, gid: 65534 }) : undefined;
    // As the runtime stage's RUN: Next's cache is the one place the process writes.
    const cache = join(dir, scripts.runtimeTree.DASHBOARD, '.next', 'cache');
    mkdirSync(cache);
    if (user) chownSync(cache, user.uid, user.gid);
    const { SHIPPED: packages, DASHBOARD: dashboard } = scripts.runtimeTree;
    return { dir, packages, dashboard, user, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
