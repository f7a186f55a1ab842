// The production image's runtime files, assembled from a built workspace (`npm run build`), so the
// Dockerfile and tools/image-check (which reproduces the runtime stage without Docker) install and
// copy exactly the same thing:
//   <out>/manifests  package.json, package-lock.json, .npmrc and every workspace's package.json: all
//                    that `npm ci --omit=dev` reads, so Docker reuses that layer until one changes;
//   <out>/app        the compiled packages' dist/, the dashboard's production build, the image's command.
// `node scripts/image/runtime-tree.js <out>`
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isBuildCurrent } = require('../dashboard-build');

const root = path.resolve(__dirname, '..', '..');

/**
 * What the image runs. Their dist/ ships and their package.json `main` points at it, so
 * `@guildhall/platform` resolves to JavaScript. The other workspaces (test libraries, lint rules,
 * k8s-check) ship their package.json only, because `npm ci` wants the workspace its lockfile names.
 */
const SHIPPED = [
  'libs/contracts',
  'libs/eventing',
  'libs/platform',
  'libs/config-history',
  'libs/guild-directory',
  'services/gateway',
  'services/xp',
  'services/roles',
  'services/onboarding',
  'tools/discord-sim',
  'tools/demo-players',
];
const DASHBOARD = 'apps/dashboard';
/** The dashboard's runtime: its config and build; `.next/cache` is the build's webpack cache. */
const DASHBOARD_FILES = ['next.config.mjs', '.next'];
const COMMAND = 'scripts/image/start.sh';

/** Workspace folders from the root package.json's globs (`libs/*`), those with a package.json. */
function workspaces() {
  const { workspaces: globs = [] } = readJson(path.join(root, 'package.json'));
  return globs.flatMap((glob) => {
    if (!/^[\w-]+\/\*$/.test(glob)) throw new Error(`workspace glob "${glob}" is not <folder>/*`);
    const group = glob.slice(0, -2);
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .sort()
      .map((name) => `${group}/${name}`)
      .filter((pkg) => fs.existsSync(path.join(root, pkg, 'package.json')));
  });
}

/** A shipped package's manifest as the image has it: `main` on dist/, no TypeScript scripts. */
function compiledManifest(manifest) {
  const { types: _types, scripts: _scripts, ...rest } = manifest;
  const main = /^(\.\/)?src\/(.+)\.ts$/.exec(manifest.main ?? '');
  if (!main) throw new Error(`${manifest.name}: main "${manifest.main}" is not src/<file>.ts`);
  return { ...rest, main: `dist/${main[2]}.js` };
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function copy(from, to, filter) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true, filter });
}

function assembleManifests(out) {
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    copy(path.join(root, file), path.join(out, file));
  }
  for (const pkg of workspaces()) {
    const manifest = readJson(path.join(root, pkg, 'package.json'));
    const shipped = SHIPPED.includes(pkg) ? compiledManifest(manifest) : manifest;
    fs.mkdirSync(path.join(out, pkg), { recursive: true });
    fs.writeFileSync(path.join(out, pkg, 'package.json'), `${JSON.stringify(shipped, null, 2)}\n`);
  }
}

function assembleApp(out) {
  for (const pkg of SHIPPED) {
    const dist = path.join(root, pkg, 'dist');
    if (!fs.existsSync(dist)) throw new Error(`${pkg}/dist is missing: run npm run build first`);
    copy(dist, path.join(out, pkg, 'dist'));
  }
  // Next writes BUILD_ID early; only the stamp says a build finished (scripts/dashboard-build.js).
  if (!isBuildCurrent()) throw new Error('the dashboard build is missing or stale: run npm run build first');
  const cache = path.join(root, DASHBOARD, '.next', 'cache');
  for (const file of DASHBOARD_FILES) {
    copy(path.join(root, DASHBOARD, file), path.join(out, DASHBOARD, file), (p) => p !== cache);
  }
  copy(path.join(root, COMMAND), path.join(out, COMMAND));
}

/** Writes <out>/manifests and <out>/app (both replaced) from the built workspace. */
function assembleRuntimeTree(out) {
  const inside = path.relative(path.resolve(out), root);
  if (!inside.startsWith('..')) throw new Error(`${out} holds the workspace: pick a folder outside it`);
  fs.rmSync(out, { recursive: true, force: true });
  assembleManifests(path.join(out, 'manifests'));
  assembleApp(path.join(out, 'app'));
}

module.exports = { assembleRuntimeTree, compiledManifest, workspaces, SHIPPED, DASHBOARD, COMMAND };

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node scripts/image/runtime-tree.js <out>\n');
    process.exit(64);
  }
  assembleRuntimeTree(path.resolve(out));
}
