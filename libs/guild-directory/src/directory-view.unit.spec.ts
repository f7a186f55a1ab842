import type { GuildDirectory } from './directory-reads';
import { directoryView } from './directory-view';
import { unknownIdProblems } from './id-checks';

const role = (id: string, position: number, over: object = {}) => ({
  id,
  name: `role-${id}`,
  color: 0x3498db,
  position,
  permissions: '0',
  managed: false,
  ...over,
});
const dir: GuildDirectory = {
  guildId: '1',
  botUserId: '9',
  botRoleIds: ['90'],
  channelsKnown: true,
  syncedAt: '2026-03-01T12:00:00.000Z',
  roles: [
    role('1', 0, { name: '@everyone' }),
    role('90', 10, { name: 'Guildhall', managed: true }),
    role('20', 3, { name: 'Artist' }),
    role('21', 12, { name: 'Admin' }),
    role('22', 4, { name: 'Mods', permissions: (1n << 2n).toString() }),
  ],
  channels: [
    { id: '600', name: 'Community', type: 4, position: 1 },
    { id: '500', name: 'Start Here', type: 4, position: 0 },
    { id: '701', name: 'art', type: 0, position: 2, parentId: '600' },
    { id: '700', name: 'general', type: 0, position: 1, parentId: '600' },
    { id: '702', name: 'rules', type: 0, position: 0, parentId: '500' },
    { id: '703', name: 'lobby', type: 0, position: 0 },
    { id: '704', name: 'Voice', type: 2, position: 0, parentId: '600' },
  ],
};

describe('guild directory view', () => {
  it('lists roles highest first without @everyone, and says why each unsafe one cannot be granted', () => {
    const roles = directoryView('1', dir).roles;
    expect(roles.map((r) => r.name)).toEqual(['Admin', 'Guildhall', 'Mods', 'Artist']);
    expect(roles.find((r) => r.name === 'Artist')).toEqual({
      id: '20',
      name: 'Artist',
      color: 0x3498db,
      position: 3,
      managed: false,
      assignable: true,
    });
    expect(roles.find((r) => r.name === 'Admin')?.reason).toMatch(/at or above the bot's highest role/);
    expect(roles.find((r) => r.name === 'Guildhall')?.reason).toMatch(/managed/);
    expect(roles.find((r) => r.name === 'Mods')?.reason).toMatch(/dangerous permissions \(Ban Members\)/);
  });

  it('groups text channels under their categories in Discord order, uncategorized first, voice left out', () => {
    const view = directoryView('1', dir);
    expect(view.categories.map((c) => [c.name, c.channels.map((ch) => ch.name)])).toEqual([
      [null, ['lobby']],
      ['Start Here', ['rules']],
      ['Community', ['general', 'art']],
    ]);
    expect(view.categories[2].channels[0]).toEqual({
      id: '700',
      name: 'general',
      type: 0,
      categoryId: '600',
      categoryName: 'Community',
    });
  });

  it('a guild never synced is reported as unknown, not as empty', () => {
    expect(directoryView('1', null)).toEqual({
      guildId: '1',
      known: false,
      channelsKnown: false,
      syncedAt: null,
      roles: [],
      categories: [],
    });
  });
});

describe('ids a write names', () => {
  it('names the field and the id that is not in the server', () => {
    expect(unknownIdProblems(dir, [{ field: 'roleMultipliers', kind: 'role', ids: ['20', '123'] }])).toEqual([
      'roleMultipliers: role 123 is not a role of this server',
    ]);
    expect(unknownIdProblems(dir, [{ field: 'noXpChannels', kind: 'channel', ids: ['999', '600'] }])).toEqual(
      [
        'noXpChannels: channel 999 is not a channel of this server',
        'noXpChannels: Community (600) is a category, not a channel',
      ],
    );
  });

  it('accepts ids of the server and empty lists', () => {
    expect(
      unknownIdProblems(dir, [
        { field: 'a', kind: 'role', ids: ['20'] },
        { field: 'b', kind: 'channel', ids: ['700'] },
      ]),
    ).toEqual([]);
    expect(unknownIdProblems(null, [{ field: 'a', kind: 'role', ids: [] }])).toEqual([]);
  });

  it('says the server is not known yet when no sync has arrived, instead of blaming the id', () => {
    expect(unknownIdProblems(null, [{ field: 'roleMultipliers', kind: 'role', ids: ['20'] }])[0]).toMatch(
      /^roleMultipliers: this server's roles are not known yet/,
    );
    expect(
      unknownIdProblems({ ...dir, channelsKnown: false }, [
        { field: 'levelUpMessage.channelId', kind: 'channel', ids: ['700'] },
      ])[0],
    ).toMatch(/^levelUpMessage.channelId: this server's channels are not known yet/);
  });
});
