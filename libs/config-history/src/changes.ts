/**
 * What changed between two versions of a setting, one entry per field or list entry, in words a
 * moderator reads ("multiplier for role 3001… 1.5 → 2"). `field` is a stable path for code and
 * tests; `before`/`after` carry the raw values so a client can show them its own way.
 */
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ConfigChange {
  kind: ChangeKind;
  field: string;
  text: string;
  before?: unknown;
  after?: unknown;
}

/** How a value reads in a sentence: yes/no, quoted text, "none" for absent. */
export function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(show).join(', ');
  return String(value);
}

/** Ids and numbers read bare: "channel none → 2001…". */
export function showPlain(value: unknown): string {
  return value === null || value === undefined || value === '' ? 'none' : String(value);
}

/** Deep equality of JSON values (key order ignored), enough for settings snapshots. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ak = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ak.length === bk.length &&
    ak.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** One scalar field: nothing when equal, else "label before → after". */
export function fieldChange(
  field: string,
  label: string,
  before: unknown,
  after: unknown,
  format: (v: unknown) => string = show,
): ConfigChange[] {
  if (sameValue(before, after)) return [];
  return [{ kind: 'changed', field, text: `${label} ${format(before)} → ${format(after)}`, before, after }];
}

export interface KeyedDescription<T> {
  /** e.g. `role 3001…` or `category "Interests"`. */
  name(key: string, value: T): string;
  /** Sentence for an added entry; default "<name> added". */
  added?(key: string, value: T): string;
  removed?(key: string, value: T): string;
  /** The field changes inside an entry present on both sides. */
  changed(key: string, before: T, after: T, field: string): ConfigChange[];
}

/**
 * Entries keyed by id (multipliers by role, catalog roles, rules): added, removed, then changed,
 * each in the order of the newer version (removed ones in the older version's order).
 */
export function keyedChanges<T>(
  field: string,
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  describe: KeyedDescription<T>,
): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    const path = `${field}.${key}`;
    if (old === undefined)
      out.push({
        kind: 'added',
        field: path,
        text: describe.added?.(key, value) ?? `${describe.name(key, value)} added`,
        after: value,
      });
    else if (!sameValue(old, value)) out.push(...describe.changed(key, old, value, path));
  }
  for (const [key, value] of before)
    if (!after.has(key))
      out.push({
        kind: 'removed',
        field: `${field}.${key}`,
        text: describe.removed?.(key, value) ?? `${describe.name(key, value)} removed`,
        before: value,
      });
  return out;
}

/** Set membership (no-XP channels): one entry per id added or removed. */
export function setChanges(
  field: string,
  noun: string,
  before: readonly string[],
  after: readonly string[],
): ConfigChange[] {
  const b = new Set(before);
  const a = new Set(after);
  return [
    ...[...a]
      .filter((x) => !b.has(x))
      .map((x): ConfigChange => ({
        kind: 'added',
        field: `${field}.${x}`,
        text: `${noun} ${x} added`,
        after: x,
      })),
    ...[...b]
      .filter((x) => !a.has(x))
      .map((x): ConfigChange => ({
        kind: 'removed',
        field: `${field}.${x}`,
        text: `${noun} ${x} removed`,
        before: x,
      })),
  ];
}

/** The same ids in another order (rules, categories): one "order changed" entry. */
export function orderChange(
  field: string,
  label: string,
  before: readonly string[],
  after: readonly string[],
): ConfigChange[] {
  const kept = new Set(after.filter((k) => before.includes(k)));
  const b = before.filter((k) => kept.has(k));
  const a = after.filter((k) => kept.has(k));
  if (sameValue(a, b)) return [];
  return [{ kind: 'changed', field, text: `${label} reordered`, before: b, after: a }];
}
