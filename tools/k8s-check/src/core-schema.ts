import type { Manifest, Problem } from './manifest';
import { objectName } from './manifest';
import { trackReads } from './read-tracker';

interface ValidationErrorLike {
  errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }>;
  message: string;
}

type ModelClass = { prototype: { validate(): void }; kind?: string };

/**
 * Checks an object of the Kubernetes API against the OpenAPI schema that the kubernetes-models
 * package is generated from: types, required fields, enums, formats, and fields the schema does
 * not have (`replica:` for `replicas:`), which the API server refuses under kubectl's strict field
 * validation. Returns undefined for a kind the package does not know (a custom resource).
 */
export function validateCoreObject(m: Manifest): Problem[] | undefined {
  const model = modelOf(m);
  if (!model) return undefined;
  const object = objectName(m);
  const problems: Problem[] = [];
  const tracked = trackReads(m);
  try {
    // The generated validator reads the object through `this`; a proxy records each field it reads.
    model.prototype.validate.call(tracked.value);
  } catch (err) {
    const e = err as ValidationErrorLike;
    for (const v of e.errors ?? [{ instancePath: '', message: e.message }])
      problems.push({ object, path: v.instancePath, message: describe(v) });
  }
  for (const path of tracked.unreadFields())
    problems.push({ object, path, message: 'unknown field (not in the Kubernetes schema)' });
  return problems;
}

/** `apps/v1` + `Deployment` → kubernetes-models/apps/v1's Deployment; `v1` is the core group. */
function modelOf(m: Manifest): ModelClass | undefined {
  if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') return undefined;
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(m.apiVersion)) return undefined;
  let group: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    group = require(`kubernetes-models/${m.apiVersion}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const model = group[m.kind] as ModelClass | undefined;
  return model?.kind === m.kind ? model : undefined;
}

function describe(v: { message?: string; params?: Record<string, unknown> }): string {
  const allowed = v.params?.allowedValues;
  if (Array.isArray(allowed)) return `${v.message}: ${allowed.join(', ')}`;
  return v.message ?? 'invalid';
}
