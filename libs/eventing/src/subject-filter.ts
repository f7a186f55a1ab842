/** NATS subject matching: `*` is one token, a trailing `>` one or more. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

/** True if the server takes several filter subjects on one consumer (NATS 2.10+). */
export function supportsMultipleFilters(serverVersion: string | undefined): boolean {
  const [major, minor] = (serverVersion ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}
