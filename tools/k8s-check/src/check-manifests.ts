import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sourceRoutes } from './app-routes';
import { validateCoreObject } from './core-schema';
import { validateCustomResource } from './custom-resources';
import { kustomizeBuild } from './kustomize-build';
import { objectName, type Manifest, type Problem } from './manifest';
import { checkReferences, type Surroundings } from './references';

const ROOT = join(__dirname, '..', '..', '..');
export const K8S_DIR = join(ROOT, 'deploy', 'k8s');

/** Every object against its schema, then the names between them. */
export function checkObjects(objects: readonly Manifest[], around: Surroundings): Problem[] {
  const problems: Problem[] = [];
  for (const m of objects) {
    const found = validateCoreObject(m) ?? validateCustomResource(m);
    if (found) problems.push(...found);
    else
      problems.push({
        object: objectName(m),
        path: '/apiVersion',
        message: `no schema for ${String(m.apiVersion)} ${String(m.kind)}`,
      });
  }
  return [...problems, ...checkReferences(objects, around)];
}

/** Builds one overlay with kubectl and checks what it would apply. */
export function checkOverlay(dir: string, around: Surroundings = repositorySurroundings()): Problem[] {
  return checkObjects(kustomizeBuild(dir), around);
}

/** What this repository documents outside the manifests: the secret, the adapter rules, the routes. */
export function repositorySurroundings(root = ROOT): Surroundings {
  const adapter = parse(
    readFileSync(join(root, 'deploy', 'k8s', 'prometheus-adapter', 'values.yaml'), 'utf8'),
  ) as {
    rules?: { custom?: Array<{ name?: { as?: string } }> };
  };
  return {
    // guildhall-secrets: README, "Running on Kubernetes"; guildhall-pg-app: CloudNativePG's app user.
    externalSecrets: ['guildhall-secrets', 'guildhall-pg-app'],
    routesOf: sourceRoutes(root),
    customMetrics: (adapter.rules?.custom ?? []).flatMap((r) => (r.name?.as ? [r.name.as] : [])),
  };
}
