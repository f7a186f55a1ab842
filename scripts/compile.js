// Every workspace package's TypeScript (src/, tests left out) compiled to CommonJS in <package>/dist,
// mirroring src/, so the production image runs `node` on JavaScript alone.
// The compiler and its options are the ones jest runs the tests with (@swc/core and .swcrc: legacy
// decorators with their design-time metadata, which Nest's injection, TypeORM's entities and
// class-validator's DTOs read), so the image runs the code the tests ran. No type check here:
// `npm run typecheck` judges the types, and a second opinion at build time would only be slower.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
/** The groups whose packages run under Node; apps/dashboard is compiled by `next build`. */
const GROUPS = ['libs', 'services', 'tools'];

function isSource(file) {
  return file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.spec.ts');
}

function sourcesOf(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourcesOf(p);
      return isSource(entry.name) ? [p] : [];
    });
}

/** Package folders (relative to the root, e.g. `libs/platform`) with TypeScript under src/. */
function sourcePackages(workspace = root) {
  return GROUPS.flatMap((group) => {
    const dir = path.join(workspace, group);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .sort()
      .map((name) => `${group}/${name}`)
      .filter((pkg) => {
        const src = path.join(workspace, pkg, 'src');
        return fs.existsSync(src) && sourcesOf(src).length > 0;
      });
  });
}

/** .swcrc as jest reads it, with the source maps beside each file instead of inline. */
function swcOptions(workspace) {
  const options = JSON.parse(fs.readFileSync(path.join(workspace, '.swcrc'), 'utf8'));
  delete options.$schema;
  return { ...options, swcrc: false, configFile: false, sourceMaps: true };
}

async function compileFile(file, out, options) {
  const { code, map } = await swc.transformFile(file, {
    ...options,
    filename: file,
    // Relative, so the map still points at the source wherever the tree is copied.
    sourceFileName: path.relative(path.dirname(out), file),
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
  fs.writeFileSync(`${out}.map`, map);
}

/** Compiles one package; dist/ is emptied first, so a deleted source leaves no module behind. */
async function compilePackage(packageDir, options) {
  const src = path.join(packageDir, 'src');
  const dist = path.join(packageDir, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  const files = sourcesOf(src);
  await Promise.all(
    files.map((file) =>
      compileFile(file, path.join(dist, path.relative(src, file)).replace(/\.ts$/, '.js'), options),
    ),
  );
  return files.length;
}

/** Compiles every package of the workspace; resolves to `[{ pkg, files }]`. */
async function compileWorkspace({ workspace = root, log = () => undefined } = {}) {
  const options = swcOptions(workspace);
  const started = Date.now();
  const results = [];
  for (const pkg of sourcePackages(workspace)) {
    results.push({ pkg, files: await compilePackage(path.join(workspace, pkg), options) });
  }
  const files = results.reduce((n, r) => n + r.files, 0);
  log(`compiled ${files} files of ${results.length} packages to dist/ in ${Date.now() - started} ms`);
  return results;
}

module.exports = { compileWorkspace, sourcePackages };

if (require.main === module) {
  compileWorkspace({ log: (line) => process.stdout.write(`[compile] ${line}\n`) }).catch((error) => {
    process.stderr.write(`[compile] ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
