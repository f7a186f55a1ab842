import type { ConfigChange } from './changes';

/** One stored version of a setting: the whole value after the change, and who made it when. */
export interface SettingSnapshot<T> {
  version: number;
  /** ISO time of the change; null for the built-in defaults nobody saved. */
  at: string | null;
  /** The user id (the service token's `sub`) who saved it; null for the defaults. */
  by: string | null;
  value: T;
  /** Set when this version was made by restoring an earlier one. */
  restoredFrom?: number | null;
}

/** A version as the history API serves it: who, when, a one-line summary and the diff to the one before. */
export interface ConfigVersion {
  version: number;
  at: string | null;
  by: string | null;
  summary: string;
  changes: ConfigChange[];
  restoredFrom: number | null;
  /** The built-in starting point (never saved by anyone); restoring it brings the defaults back. */
  baseline: boolean;
}

export interface ConfigHistoryPage {
  setting: string;
  /** The version in force. */
  current: number;
  /** Newest first. */
  versions: ConfigVersion[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface RestoreResult<T> {
  setting: string;
  version: number;
  restoredFrom: number;
  value: T;
}

/** The newest-first page of history and how to describe one step. */
export interface HistoryPageInput<T> {
  setting: string;
  current: number;
  /**
   * Stored versions older than `before`, newest first, at most `limit + 1` of them: the extra
   * one is the base of the last diff and tells whether an older page exists.
   */
  rows: SettingSnapshot<T>[];
  limit: number;
  /** The defaults the first stored version is compared with, listed last on the final page. */
  baseline: SettingSnapshot<T>;
  diff(before: T, after: T): ConfigChange[];
}

/**
 * Pure: turns stored snapshots into what the history API answers. Reads stay O(limit) whatever
 * the history's length, since each version is a whole snapshot and only its predecessor is needed.
 */
export function historyPage<T>(input: HistoryPageInput<T>): ConfigHistoryPage {
  const { rows, limit, baseline } = input;
  const reachedBottom = rows.length <= limit;
  const all =
    reachedBottom && (rows.length === 0 || rows[rows.length - 1].version > baseline.version)
      ? [...rows, baseline]
      : rows;
  const page = all.slice(0, limit);
  const versions = page.map((v, i): ConfigVersion => {
    const isBaseline = v === baseline;
    const previous = all[i + 1];
    const changes = isBaseline || !previous ? [] : input.diff(previous.value, v.value);
    return {
      version: v.version,
      at: v.at,
      by: v.by,
      summary: summarize(changes, { baseline: isBaseline, restoredFrom: v.restoredFrom ?? null }),
      changes,
      restoredFrom: v.restoredFrom ?? null,
      baseline: isBaseline,
    };
  });
  const nextBefore = all.length > limit && page.length > 0 ? page[page.length - 1].version : null;
  return { setting: input.setting, current: input.current, versions, nextBefore };
}

/** One line for the list: what a restore brought back, or the first changes and how many more. */
export function summarize(
  changes: readonly ConfigChange[],
  how: { baseline?: boolean; restoredFrom?: number | null } = {},
): string {
  if (how.baseline) return 'Defaults';
  const prefix = how.restoredFrom != null ? `Restored version ${how.restoredFrom}` : '';
  if (changes.length === 0) return prefix || 'Saved without changes';
  const shown = changes.slice(0, 2).map((c) => c.text);
  const more = changes.length > 2 ? ` and ${changes.length - 2} more` : '';
  const body = `${shown.join('; ')}${more}`;
  return prefix ? `${prefix}: ${body}` : capitalize(body);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const DEFAULT_HISTORY_LIMIT = 20;
export const MAX_HISTORY_LIMIT = 100;

export type HistoryQuery = { limit: number; before: number | null };

/** `?limit=&before=` from a query string: 400-worthy problems come back as a message naming the field. */
export function parseHistoryQuery(query: {
  limit?: unknown;
  before?: unknown;
}): HistoryQuery | { error: string } {
  const int = (v: unknown) =>
    typeof v === 'string' && /^\d{1,9}$/.test(v)
      ? Number(v)
      : typeof v === 'number' && Number.isInteger(v)
        ? v
        : NaN;
  let limit = DEFAULT_HISTORY_LIMIT;
  if (query.limit !== undefined && query.limit !== '') {
    limit = int(query.limit);
    if (!(limit >= 1 && limit <= MAX_HISTORY_LIMIT))
      return { error: `limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}` };
  }
  let before: number | null = null;
  if (query.before !== undefined && query.before !== '') {
    before = int(query.before);
    if (!(before >= 0)) return { error: 'before must be a version number (a whole number, 0 or more)' };
  }
  return { limit, before };
}

/** A `:version` route segment. */
export function parseVersion(raw: string): number | { error: string } {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : { error: `version must be a whole number, got "${raw}"` };
}

export const unknownVersionMessage = (setting: string, version: number) =>
  `version ${version} of ${setting} does not exist`;

/** A `:setting` route segment of the service that keeps `known`. */
export function parseSetting<S extends string>(raw: string, known: readonly S[]): S | { error: string } {
  return (known as readonly string[]).includes(raw)
    ? (raw as S)
    : {
        error: `unknown setting "${raw}"; this service keeps the history of ${known.map((k) => `"${k}"`).join(', ')}`,
      };
}

/** Unwraps a parse result, throwing the caller's HTTP error (400, 404) with the problem's words. */
export function orThrow<T>(value: T | { error: string }, fail: (message: string) => Error): T {
  if (typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string')
    throw fail(value.error);
  return value as T;
}
