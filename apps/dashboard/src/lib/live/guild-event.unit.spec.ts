import { forVisitor, toGuildEvent } from './guild-event';

describe('what the live stream tells the browser', () => {
  it('announces a level-up', () => {
    expect(
      toGuildEvent({ type: 'xp.level_reached', data: { userId: '1', level: 3, previousLevel: 2 } }),
    ).toEqual({ kind: 'level', userId: '1', level: 3 });
  });
  it('turns role request outcomes into statuses with reasons', () => {
    expect(
      toGuildEvent({
        type: 'roles.request_failed',
        data: { userId: '1', failures: [{ roleId: '9', reason: 'Missing Permissions' }] },
      }),
    ).toEqual({
      kind: 'roles',
      userId: '1',
      status: 'failed',
      reasons: ['Missing Permissions'],
    });
    expect(toGuildEvent({ type: 'roles.request_applied', data: { userId: '1' } })).toEqual({
      kind: 'roles',
      userId: '1',
      status: 'applied',
    });
  });
  it('ignores events without a member', () => {
    expect(toGuildEvent({ type: 'onboarding.rules_published', data: { version: 2 } })).toBeUndefined();
  });
  it('tells visitors who are not members only that the leaderboard moved', () => {
    expect(forVisitor({ kind: 'level', userId: '1', level: 3 }, false)).toEqual({ kind: 'leaderboard' });
    expect(forVisitor({ kind: 'roles', userId: '1', status: 'applied' }, false)).toBeUndefined();
    expect(forVisitor({ kind: 'roles', userId: '1', status: 'applied' }, true)).toEqual({
      kind: 'roles',
      userId: '1',
      status: 'applied',
    });
  });
});
