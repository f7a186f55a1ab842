/**
 * True if some subject matches both filters (`*` is one token, a trailing `>` one or more).
 * JetStream refuses overlapping filters on one consumer (2.10+) and on a work queue; we refuse
 * them everywhere so a consumer behaves the same whatever server it runs on.
 */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < x.length && i < y.length; i++) {
    if (x[i] === '>' || y[i] === '>') return true;
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false;
  }
  return x.length === y.length;
}

/** True if the server takes several filter subjects on one consumer (NATS 2.10+). */
export function supportsMultipleFilters(serverVersion: string | undefined): boolean {
  const [major, minor] = (serverVersion ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}
