import { fieldChange, keyedChanges, orderChange, sameValue, setChanges, showPlain } from './changes';
import { historyPage, parseHistoryQuery, parseVersion, SettingSnapshot, summarize } from './history';

type V = { n: number };
const baseline: SettingSnapshot<V> = { version: 0, at: null, by: null, value: { n: 0 } };
const snap = (version: number, n: number, restoredFrom?: number): SettingSnapshot<V> => ({
  version,
  at: `2026-01-0${version}T00:00:00.000Z`,
  by: '42',
  value: { n },
  restoredFrom,
});
const diff = (a: V, b: V) => fieldChange('n', 'count', a.n, b.n);

describe('history pages', () => {
  it('a guild that never saved sees only the defaults', () => {
    const page = historyPage({ setting: 'x', current: 0, rows: [], limit: 20, baseline, diff });
    expect(page.versions).toEqual([
      {
        version: 0,
        at: null,
        by: null,
        summary: 'Defaults',
        changes: [],
        restoredFrom: null,
        baseline: true,
      },
    ]);
    expect(page.nextBefore).toBeNull();
  });

  it('each version is described against the one before it, the first against the defaults', () => {
    const page = historyPage({
      setting: 'x',
      current: 2,
      rows: [snap(2, 5), snap(1, 3)],
      limit: 20,
      baseline,
      diff,
    });
    expect(page.versions.map((v) => [v.version, v.summary])).toEqual([
      [2, 'Count 3 → 5'],
      [1, 'Count 0 → 3'],
      [0, 'Defaults'],
    ]);
  });

  it('a full page uses the extra row as the base of its last diff and points at the next page', () => {
    const page = historyPage({
      setting: 'x',
      current: 5,
      rows: [snap(5, 5), snap(4, 4), snap(3, 3)],
      limit: 2,
      baseline,
      diff,
    });
    expect(page.versions.map((v) => v.version)).toEqual([5, 4]);
    expect(page.versions[1].changes[0]).toMatchObject({ kind: 'changed', before: 3, after: 4 });
    expect(page.nextBefore).toBe(4);
  });

  it('the last page ends with the defaults; a page of exactly the remaining versions still shows them', () => {
    const page = historyPage({
      setting: 'x',
      current: 5,
      rows: [snap(2, 2), snap(1, 1)],
      limit: 2,
      baseline,
      diff,
    });
    expect(page.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(page.nextBefore).toBe(1);
    const last = historyPage({ setting: 'x', current: 5, rows: [], limit: 2, baseline, diff });
    expect(last.versions.map((v) => v.version)).toEqual([0]);
  });

  it('a restore says what it brought back', () => {
    expect(summarize(diff({ n: 5 }, { n: 3 }), { restoredFrom: 1 })).toBe('Restored version 1: count 5 → 3');
    expect(summarize([], { restoredFrom: 4 })).toBe('Restored version 4');
    expect(summarize([])).toBe('Saved without changes');
  });

  it('long diffs are summarised by their first two changes', () => {
    const changes = [
      ...fieldChange('a', 'a', 1, 2),
      ...fieldChange('b', 'b', 1, 2),
      ...fieldChange('c', 'c', 1, 2),
    ];
    expect(summarize(changes)).toBe('A 1 → 2; b 1 → 2 and 1 more');
  });
});

describe('describing changes', () => {
  it('keyed entries are added, removed or changed field by field', () => {
    const before = new Map([
      ['1', 1.5],
      ['2', 3],
    ]);
    const after = new Map([
      ['1', 2],
      ['3', 1],
    ]);
    const changes = keyedChanges('m', before, after, {
      name: (k) => `role ${k}`,
      added: (k, v) => `multiplier ×${v} for role ${k} added`,
      changed: (k, b, a, field) => fieldChange(field, `multiplier for role ${k}`, b, a),
    });
    expect(changes.map((c) => [c.kind, c.field, c.text])).toEqual([
      ['changed', 'm.1', 'multiplier for role 1 1.5 → 2'],
      ['added', 'm.3', 'multiplier ×1 for role 3 added'],
      ['removed', 'm.2', 'role 2 removed'],
    ]);
  });

  it('sets and orders', () => {
    expect(setChanges('c', 'no-XP channel', ['1', '2'], ['2', '3']).map((c) => c.text)).toEqual([
      'no-XP channel 3 added',
      'no-XP channel 1 removed',
    ]);
    expect(orderChange('o', 'rules', ['a', 'b', 'c'], ['b', 'a'])).toHaveLength(1);
    expect(orderChange('o', 'rules', ['a', 'b', 'c'], ['a', 'c'])).toEqual([]);
  });

  it('values read as a moderator expects', () => {
    expect(fieldChange('e', 'announce level-ups', true, false)[0].text).toBe('announce level-ups yes → no');
    expect(fieldChange('t', 'welcome text', 'Hi', 'Hello')[0].text).toBe('welcome text "Hi" → "Hello"');
    expect(fieldChange('c', 'channel', null, '9', showPlain)[0].text).toBe('channel none → 9');
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});

describe('query parsing', () => {
  it('limit and before are optional whole numbers; bad ones name the field', () => {
    expect(parseHistoryQuery({})).toEqual({ limit: 20, before: null });
    expect(parseHistoryQuery({ limit: '5', before: '9' })).toEqual({ limit: 5, before: 9 });
    expect(parseHistoryQuery({ limit: '0' })).toEqual({ error: expect.stringContaining('limit') });
    expect(parseHistoryQuery({ limit: '500' })).toEqual({ error: expect.stringContaining('limit') });
    expect(parseHistoryQuery({ before: 'x' })).toEqual({ error: expect.stringContaining('before') });
    expect(parseVersion('12')).toBe(12);
    expect(parseVersion('v1')).toEqual({ error: 'version must be a whole number, got "v1"' });
  });
});
