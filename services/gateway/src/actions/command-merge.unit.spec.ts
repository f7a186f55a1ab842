import { mergeCommands } from './command-merge';

describe('merging command registrations', () => {
  it('every owner’s commands end up in one list, in owner order', () => {
    const merged = mergeCommands([
      {
        owner: 'xp',
        commands: [
          { name: 'profile', description: 'Your level' },
          { name: 'leaderboard', description: 'Top members' },
        ],
      },
      {
        owner: 'onboarding',
        commands: [{ name: 'rules', description: 'Server rules', defaultMemberPermissions: '0' }],
      },
    ]);
    expect(merged.body.map((c) => c.name)).toEqual(['rules', 'profile', 'leaderboard']);
    expect(merged.body[0]).toEqual({
      type: 1,
      name: 'rules',
      description: 'Server rules',
      default_member_permissions: '0',
    });
    expect(merged.conflicts).toEqual([]);
  });

  it('options keep their Discord shape', () => {
    const merged = mergeCommands([
      {
        owner: 'xp',
        commands: [
          {
            name: 'profile',
            description: 'd',
            options: [{ type: 6, name: 'member', description: 'who', required: false }],
          },
        ],
      },
    ]);
    expect(merged.body[0]).toMatchObject({
      options: [{ type: 6, name: 'member', description: 'who', required: false }],
    });
  });

  it('a name two owners want is kept by the first and reported for the other', () => {
    const merged = mergeCommands([
      { owner: 'roles', commands: [{ name: 'roles', description: 'b' }] },
      { owner: 'onboarding', commands: [{ name: 'roles', description: 'a' }] },
    ]);
    expect(merged.body).toEqual([{ type: 1, name: 'roles', description: 'a' }]);
    expect(merged.conflicts).toEqual([{ owner: 'roles', name: 'roles', heldBy: 'onboarding' }]);
  });
});
