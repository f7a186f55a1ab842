// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { guildSynced } from './guild-synced';

const role = (id: string, position: number, extra: object = {}) => ({
  id,
  name: `r${id}`,
  color: 0,
  hoist: false,
  position,
  permissions: '0',
  managed: false,
  mentionable: false,
  flags: 0,
  ...extra,
});
const guild = {
  id: '100',
  name: 'Guildhall Test',
  owner_id: '1',
  unavailable: false,
  member_count: 42,
  channels: [
    { id: '600', name: 'Community', type: 4, position: 0, parent_id: null },
    { id: '700', name: 'general', type: 0, position: 1, parent_id: '600' },
  ],
  roles: [role('100', 0), role('501', 5, { managed: true, permissions: '268435456' }), role('502', 2)],
  members: [
    { user: { id: '1', username: 'owner' }, roles: [] },
    { user: { id: '9', username: 'guildhall', bot: true }, roles: ['501'] },
  ],
} as unknown as GatewayGuildCreateDispatchData;
const ctx = { botUserId: '9', receivedAt: new Date('2026-03-01T12:00:05.000Z') };

describe('guild.synced translation', () => {
  it('a received guild reports every role and the bot user with its roles', () => {
    const out = guildSynced(guild, ctx);
    expect(out?.subject).toBe('discord.100.guild.synced');
    expect(out?.envelope.data).toMatchObject({
      name: 'Guildhall Test',
      ownerId: '1',
      botUserId: '9',
      botRoleIds: ['501'],
      memberCount: 42,
    });
    expect(out?.envelope.data.roles[1]).toEqual({
      id: '501',
      name: 'r501',
      position: 5,
      permissions: '268435456',
      managed: true,
      color: 0,
    });
    expectValidContract(out?.envelope);
  });

  it('a received guild reports its channels with the category each sits in', () => {
    expect(guildSynced(guild, ctx)?.envelope.data.channels).toEqual([
      { id: '600', name: 'Community', type: 4, position: 0 },
      { id: '700', name: 'general', type: 0, position: 1, parentId: '600' },
    ]);
  });

  it('an unavailable guild (an outage placeholder) is skipped', () => {
    expect(guildSynced({ ...guild, unavailable: true }, ctx)).toBeUndefined();
  });

  it('without READY the bot is unknown, so nothing is claimed', () => {
    expect(guildSynced(guild, { receivedAt: ctx.receivedAt })).toBeUndefined();
  });
});
