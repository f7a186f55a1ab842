/** How the control API and programmatic callers pick requests: a substring or a RegExp. */
export type PathPattern = string | RegExp;

export function pathMatches(path: string, pattern: PathPattern | undefined): boolean {
  if (pattern === undefined || pattern === '') return true;
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

export function methodMatches(method: string, wanted: string | undefined): boolean {
  return !wanted || wanted === '*' || wanted.toUpperCase() === method;
}
