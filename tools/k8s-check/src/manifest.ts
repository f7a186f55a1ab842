/** One object of a built overlay, as kubectl kustomize prints it. */
export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** What is wrong with one object, named so that the manifest's author can find it. */
export interface Problem {
  /** `Deployment/xp` */
  object: string;
  /** JSON pointer into the object, e.g. `/spec/replica`. */
  path: string;
  message: string;
}

export function objectName(m: Manifest): string {
  return `${typeof m.kind === 'string' ? m.kind : '?'}/${typeof m.metadata?.name === 'string' ? m.metadata.name : '?'}`;
}

export function formatProblem(p: Problem): string {
  return `${p.object} ${p.path || '/'}: ${p.message}`;
}
