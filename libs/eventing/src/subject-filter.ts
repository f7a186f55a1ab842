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

/** True if `subject` (no wildcards) matches `filter`. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const t = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return t.length > i;
    if (i >= t.length || (f[i] !== '*' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/**
 * On NATS < 2.10 (one filter per durable), the filters of one consumer that name the same kind
 * of entity (`discord.*.member.joined`, `discord.*.member.left`) share one durable on
 * `discord.*.member.>`: one ordered feed, so a member's leave is never applied before their
 * join. Subjects of the family the consumer did not ask for are delivered and skipped.
 * Returns, per durable filter, the filters it stands for.
 */
export function entityFamilies(filters: string[]): Map<string, string[]> {
  const byFamily = new Map<string, string[]>();
  for (const f of filters) {
    const tokens = f.split('.');
    const family =
      tokens.length > 3 && !tokens.slice(0, 3).includes('>') ? `${tokens.slice(0, 3).join('.')}.>` : f;
    byFamily.set(family, [...(byFamily.get(family) ?? []), f]);
  }
  const out = new Map<string, string[]>();
  for (const [family, members] of byFamily) {
    if (members.length === 1) out.set(members[0], members);
    else out.set(family, members);
  }
  return out;
}
