import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requiredPackages, requireProblem, type Manifest } from './required-packages';

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(p);
    return entry.name.endsWith('.js') ? [p] : [];
  });
}

/** Every compiled module of the shipped packages (`<package>/dist/**`), absolute paths. */
export function compiledModules(dir: string, packages: readonly string[]): string[] {
  return packages.flatMap((pkg) => jsFiles(join(dir, pkg, 'dist')));
}

/**
 * The compiled modules that only define things, in an order a process could load them: first each
 * package by its name (its index loads reflect-metadata before any decorator runs, as every entry
 * does), then every module but a process's entry (`main.js`) and the operator commands (`cli/`),
 * which start work when loaded.
 */
export function definingModules(dir: string, packages: readonly string[]): string[] {
  const rest = compiledModules(dir, packages).filter((file) => !/\/dist\/(main\.js$|cli\/)/.test(file));
  return [...shippedNames(dir, packages), ...rest];
}

function shippedNames(dir: string, packages: readonly string[]): Set<string> {
  return new Set(
    packages
      .map((pkg) => join(dir, pkg, 'package.json'))
      .filter((file) => existsSync(file))
      .map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name),
  );
}

/**
 * What the image's code requires that `npm ci --omit=dev` would not install, as `<file>: <why>`:
 * our compiled modules strictly, and the dashboard's server bundles for devDependencies.
 */
export function requireProblems(dir: string, packages: readonly string[], dashboard: string): string[] {
  const root = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const shipped = shippedNames(dir, packages);
  const modules = [
    ...compiledModules(dir, packages).map((file) => ({ file, strict: true })),
    ...jsFiles(join(dir, dashboard, '.next', 'server')).map((file) => ({ file, strict: false })),
  ];
  return modules.flatMap(({ file, strict }) =>
    requiredPackages(readFileSync(file, 'utf8')).flatMap((name) => {
      const why = requireProblem(name, root, shipped, strict);
      return why ? [`${relative(dir, file)}: ${why}`] : [];
    }),
  );
}
