import { builtinModules } from 'node:module';

export interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const BUILTINS = new Set(builtinModules);

/**
 * The packages compiled CommonJS requires by name: `require("pg")`, `require("@nestjs/core")`,
 * `require("discord-api-types/v10")` → `discord-api-types`. Relative paths and Node's own modules
 * are left out. swc and Next both emit literal requires with double quotes.
 */
export function requiredPackages(code: string): string[] {
  const names = new Set<string>();
  for (const [, specifier] of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
    const name = /^(@[^/]+\/[^/]+|[^/]+)/.exec(specifier)?.[1];
    if (name && !BUILTINS.has(name)) names.add(name);
  }
  return [...names].sort();
}

/**
 * Why a package the image's code requires would be missing at runtime, or undefined when it is
 * there: a package the image ships, or a production dependency. `strict` (our compiled code) also
 * refuses a package no manifest declares, which is present only by another package's grace; Next's
 * bundles require optional packages inside try/catch (`@opentelemetry/api`), so only a
 * devDependency counts there.
 */
export function requireProblem(
  name: string,
  root: Manifest,
  shipped: ReadonlySet<string>,
  strict: boolean,
): string | undefined {
  if (shipped.has(name) || root.dependencies?.[name]) return undefined;
  if (root.devDependencies?.[name]) return `${name} is a devDependency: npm ci --omit=dev leaves it out`;
  if (name.startsWith('@guildhall/')) return `${name} is a workspace package the image does not ship`;
  return strict ? `${name} is not a dependency in package.json` : undefined;
}
