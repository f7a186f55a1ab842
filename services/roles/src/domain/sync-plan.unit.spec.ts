import { planOps, reconcileObservation } from './sync-plan';

describe('planning role actions', () => {
  it('issues only what differs from Discord', () => {
    const state = { actual: new Set(['1']), inFlight: new Map() };
    expect(
      planOps(
        [
          { roleId: '1', want: true },
          { roleId: '2', want: true },
          { roleId: '3', want: false },
        ],
        state,
      ),
    ).toEqual([{ roleId: '2', kind: 'add' }]);
  });

  it('issues everything when Discord has not told us the member roles', () => {
    expect(
      planOps(
        [
          { roleId: '1', want: true },
          { roleId: '3', want: false },
        ],
        { actual: undefined, inFlight: new Map() },
      ),
    ).toEqual([
      { roleId: '1', kind: 'add' },
      { roleId: '3', kind: 'remove' },
    ]);
  });

  it('leaves a role already heading the right way, reverses one heading the other way', () => {
    const state = {
      actual: new Set<string>(),
      inFlight: new Map([
        ['1', 'add' as const],
        ['2', 'add' as const],
      ]),
    };
    expect(
      planOps(
        [
          { roleId: '1', want: true },
          { roleId: '2', want: false },
        ],
        state,
      ),
    ).toEqual([{ roleId: '2', kind: 'remove' }]);
  });
});

describe('a member roles observed in Discord', () => {
  const desired = [
    { roleId: '1', want: true, changedAt: '2026-01-01T00:00:00Z' },
    { roleId: '2', want: false, changedAt: '2026-01-01T00:00:00Z' },
  ];
  const later = '2026-01-01T00:05:00Z';

  it('a role removed by hand is reflected, not fought', () => {
    expect(reconcileObservation(new Set(['2']), later, desired, new Map(), false)).toEqual({
      reflect: [
        { roleId: '1', want: false },
        { roleId: '2', want: true },
      ],
      enforce: [],
    });
  });

  it('with enforce the desired roles are put back', () => {
    expect(reconcileObservation(new Set(['2']), later, desired, new Map(), true)).toEqual({
      reflect: [],
      enforce: [
        { roleId: '1', kind: 'add' },
        { roleId: '2', kind: 'remove' },
      ],
    });
  });

  it('ignores roles with an action in flight and observations older than our last change', () => {
    expect(
      reconcileObservation(new Set(), later, desired, new Map([['1', 'add' as const]]), false).reflect,
    ).toEqual([]);
    expect(
      reconcileObservation(new Set(['2']), '2025-12-31T23:59:00Z', desired, new Map(), false).reflect,
    ).toEqual([]);
  });
});
