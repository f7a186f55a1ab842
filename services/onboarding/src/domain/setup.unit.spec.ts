import {
  DEFAULT_SETTINGS,
  explainFailure,
  GuildFacts,
  provisionRoles,
  setupProblems,
  withRoles,
} from './setup';

const guild = (roles: GuildFacts['roles'], extra: Partial<GuildFacts> = {}): GuildFacts => ({
  name: 'G',
  roles,
  botCanManageRoles: true,
  botTopPosition: 10,
  ...extra,
});

describe('setup: roles', () => {
  it('creates both roles when the guild has neither', () => {
    expect(provisionRoles(DEFAULT_SETTINGS, {}, null, true)).toEqual([
      { kind: 'create', slot: 'preMember', name: 'Pre-Member' },
      { kind: 'create', slot: 'member', name: 'Member' },
    ]);
  });

  it('adopts a role of the same name instead of creating a duplicate', () => {
    const g = guild([{ id: '7', name: 'member', position: 2, managed: false, permissions: '1024' }]);
    expect(provisionRoles(DEFAULT_SETTINGS, {}, g, true)).toEqual([
      { kind: 'create', slot: 'preMember', name: 'Pre-Member' },
      { kind: 'adopt', slot: 'member', roleId: '7' },
    ]);
  });

  it('never adopts a same-named role that gives more than a member has, or whose permissions are unknown', () => {
    const vetted = guild([
      { id: '7', name: 'Member', position: 2, managed: false, permissions: String(1n << 17n) },
      { id: '8', name: 'Pre-Member', position: 1, managed: false },
    ]);
    expect(provisionRoles(DEFAULT_SETTINGS, {}, vetted, true)).toEqual([
      { kind: 'create', slot: 'preMember', name: 'Pre-Member' },
      { kind: 'create', slot: 'member', name: 'Member' },
    ]);
  });

  it('reports a configured role that has since been given dangerous permissions', () => {
    const settings = { ...DEFAULT_SETTINGS, rulesChannelId: '9', preMemberRoleId: '4', memberRoleId: '5' };
    const g = guild([
      { id: '4', name: 'Pre-Member', position: 1, managed: false, permissions: '0' },
      { id: '5', name: 'Member', position: 2, managed: false, permissions: String(1n << 28n) },
    ]);
    expect(setupProblems(settings, {}, g, null).problems).toEqual([
      'Member grants dangerous permissions (Manage Roles), so onboarding does not give it to anyone',
    ]);
  });

  it('does not ask twice while a creation is under way, and retries a failure only when asked', () => {
    const creating = { preMember: { status: 'creating' as const, actionId: 'a', name: 'Pre-Member' } };
    expect(provisionRoles({ ...DEFAULT_SETTINGS, memberRoleId: '1' }, creating, null, true)).toEqual([]);
    const failed = {
      preMember: {
        status: 'failed' as const,
        actionId: 'a',
        name: 'Pre-Member',
        error: 'x',
        httpStatus: 403,
      },
    };
    expect(provisionRoles({ ...DEFAULT_SETTINGS, memberRoleId: '1' }, failed, null, false)).toEqual([]);
    expect(provisionRoles({ ...DEFAULT_SETTINGS, memberRoleId: '1' }, failed, null, true)).toHaveLength(1);
  });

  it('explains a missing permission in words a moderator can act on', () => {
    expect(explainFailure('Missing Permissions (50013)', 403, 'give it Manage Roles')).toMatch(
      /lacks permission.*Manage Roles/,
    );
    expect(explainFailure('Unknown Channel', 404, 'x')).toBe('Unknown Channel');
  });

  it('reports a failed creation, a role the bot cannot assign and a missing channel', () => {
    const settings = { ...DEFAULT_SETTINGS, memberRoleId: '5' };
    const failed = {
      preMember: {
        status: 'failed' as const,
        actionId: 'a',
        name: 'Pre-Member',
        error: 'Missing Permissions',
        httpStatus: 403,
      },
    };
    const g = guild([{ id: '5', name: 'Member', position: 12, managed: false }]);
    const s = setupProblems(settings, failed, g, null);
    expect(s.ready).toBe(false);
    expect(s.problems).toEqual([
      'no rules channel is configured',
      expect.stringMatching(/Pre-Member role could not be created: the bot lacks permission/),
      "the bot's highest role is not above Member, so it cannot assign it",
    ]);
  });

  it('is ready when channel and roles are in place and assignable', () => {
    const settings = { ...DEFAULT_SETTINGS, rulesChannelId: '9', preMemberRoleId: '4', memberRoleId: '5' };
    const g = guild([
      { id: '4', name: 'Pre-Member', position: 1, managed: false },
      { id: '5', name: 'Member', position: 2, managed: false },
    ]);
    expect(setupProblems(settings, {}, g, null)).toEqual({ ready: true, problems: [] });
  });
});

describe('withRoles', () => {
  it('follows the bot role when a new role below it shifts it up, and keeps the roles in position order', () => {
    const before = {
      name: 'G',
      roles: [{ id: '2', name: 'Bot', position: 1, managed: true }],
      botCanManageRoles: true,
      botTopPosition: 1,
      botRoleIds: ['2'],
    };
    const after = withRoles(before, [
      { id: '2', name: 'Bot', position: 2, managed: true },
      { id: '3', name: 'Member', position: 1, managed: false },
    ]);
    expect(after.botTopPosition).toBe(2);
    expect(after.roles.map((r) => r.id)).toEqual(['3', '2']);
  });
});
