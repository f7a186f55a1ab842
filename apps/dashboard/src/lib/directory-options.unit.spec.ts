import type { GuildDirectoryResponse } from './clients/directory';
import { directoryName, emptyDirectoryReason, filterOptions, pickerOptions } from './directory-options';

const directory: GuildDirectoryResponse = {
  guildId: '1',
  known: true,
  channelsKnown: true,
  syncedAt: '2026-03-01T12:00:00.000Z',
  roles: [
    {
      id: '30',
      name: 'Admin',
      color: 0xe74c3c,
      position: 9,
      managed: false,
      assignable: false,
      reason: 'Admin is at or above the bot’s highest role',
    },
    { id: '20', name: 'Artist', color: 0xe91e63, position: 3, managed: false, assignable: true },
    { id: '21', name: 'Gamer', color: 0, position: 2, managed: false, assignable: true },
  ],
  categories: [
    {
      id: null,
      name: null,
      channels: [{ id: '700', name: 'lobby', type: 0, categoryId: null, categoryName: null }],
    },
    {
      id: '600',
      name: 'Community',
      channels: [
        { id: '701', name: 'general', type: 0, categoryId: '600', categoryName: 'Community' },
        { id: '702', name: 'art', type: 0, categoryId: '600', categoryName: 'Community' },
      ],
    },
  ],
};

describe('role and channel pickers', () => {
  it('offers roles highest first; where the bot must grant them, the unsafe ones are disabled with the reason', () => {
    expect(pickerOptions({ kind: 'role', directory }).map((o) => [o.label, o.disabledReason])).toEqual([
      ['Admin', undefined],
      ['Artist', undefined],
      ['Gamer', undefined],
    ]);
    expect(pickerOptions({ kind: 'role', directory, grantableOnly: true })[0]).toEqual({
      id: '30',
      label: 'Admin',
      color: 0xe74c3c,
      disabledReason: 'Admin is at or above the bot’s highest role',
    });
  });

  it('offers channels as #name under their category, in order', () => {
    expect(pickerOptions({ kind: 'channel', directory }).map((o) => `${o.group}/${o.label}`)).toEqual([
      'No category/#lobby',
      'Community/#general',
      'Community/#art',
    ]);
  });

  it('hides what is already chosen elsewhere, but not the current choice', () => {
    expect(
      pickerOptions({ kind: 'role', directory, exclude: ['20', '21'], value: '21' }).map((o) => o.label),
    ).toEqual(['Admin', 'Gamer']);
  });

  it('typing filters by name with or without #, by category, or by exact id', () => {
    const channels = pickerOptions({ kind: 'channel', directory });
    expect(filterOptions(channels, 'GEN').map((o) => o.label)).toEqual(['#general']);
    expect(filterOptions(channels, '#ar').map((o) => o.label)).toEqual(['#art']);
    expect(filterOptions(channels, 'community').map((o) => o.label)).toEqual(['#general', '#art']);
    expect(filterOptions(channels, '700').map((o) => o.label)).toEqual(['#lobby']);
    expect(filterOptions(channels, '  ')).toHaveLength(3);
  });

  it('says why the list is empty when the service never received the server, and names unknown ids as such', () => {
    expect(emptyDirectoryReason('role', { ...directory, known: false })).toMatch(
      /has not received this server/,
    );
    expect(emptyDirectoryReason('channel', { ...directory, channelsKnown: false })).toMatch(
      /next connection/,
    );
    expect(emptyDirectoryReason('role', directory)).toBeUndefined();
    expect(directoryName(directory, 'channel', '702')).toBe('#art');
    expect(directoryName(directory, 'role', '99')).toBe('Unknown role (99)');
  });
});
