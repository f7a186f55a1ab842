import { forViewer, toGuildEvent } from './guild-event';

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
    expect(forViewer({ kind: 'level', userId: '1', level: 3 }, undefined)).toEqual({ kind: 'leaderboard' });
    expect(forViewer({ kind: 'roles', userId: '1', status: 'applied' }, undefined)).toBeUndefined();
    expect(
      forViewer({ kind: 'onboarding', userId: '1', type: 'onboarding.agreed' }, undefined),
    ).toBeUndefined();
  });

  it('tells a member their own role requests and onboarding steps, and everyone’s XP, never another member’s requests', () => {
    const mia = { userId: '1', moderator: false };
    expect(forViewer({ kind: 'roles', userId: '1', status: 'applied' }, mia)).toEqual({
      kind: 'roles',
      userId: '1',
      status: 'applied',
    });
    expect(forViewer({ kind: 'roles', userId: '2', status: 'refused', reasons: ['x'] }, mia)).toBeUndefined();
    expect(forViewer({ kind: 'onboarding', userId: '2', type: 'onboarding.agreed' }, mia)).toBeUndefined();
    expect(forViewer({ kind: 'level', userId: '2', level: 4 }, mia)).toEqual({
      kind: 'level',
      userId: '2',
      level: 4,
    });
  });

  it('tells a moderator everything of the guild', () => {
    const max = { userId: '9', moderator: true };
    expect(forViewer({ kind: 'roles', userId: '2', status: 'failed' }, max)).toEqual({
      kind: 'roles',
      userId: '2',
      status: 'failed',
    });
    expect(forViewer({ kind: 'onboarding', userId: '2', type: 'onboarding.agreed' }, max)).toBeDefined();
  });
});
