import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './manifest';

/**
 * `kubectl kustomize DIR`, as `kubectl apply -k DIR` would build it, parsed into objects. Throws
 * with kubectl's own message when the overlay does not build (a missing file, a bad patch).
 */
export function kustomizeBuild(dir: string): Manifest[] {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`kubectl kustomize ${dir}: ${run.error.message} (is kubectl installed?)`);
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${run.stderr}`);
  return parseAllDocuments(run.stdout).flatMap((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`kubectl kustomize ${dir} printed invalid YAML: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    return value && typeof value === 'object' ? [value as Manifest] : [];
  });
}
