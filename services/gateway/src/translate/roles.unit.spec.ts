// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { APIRole } from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { roleDeleted, roleUpserted } from './roles';

const role = {
  id: '500',
  name: 'Member',
  color: 0x3498db,
  colors: { primary_color: 0x3498db, secondary_color: null, tertiary_color: null },
  hoist: false,
  position: 3,
  permissions: '2251799813685248',
  managed: false,
  mentionable: false,
  flags: 0,
} as unknown as APIRole;
const ctx = { receivedAt: new Date('2026-03-01T12:00:05.000Z') };

describe('role translations', () => {
  it('a created or updated role becomes role.upserted with position, permissions and managed', () => {
    const out = roleUpserted({ guild_id: '100', role }, ctx);
    expect(out.subject).toBe('discord.100.role.upserted');
    expect(out.envelope.data.role).toEqual({
      id: '500',
      name: 'Member',
      position: 3,
      permissions: '2251799813685248',
      managed: false,
      color: 0x3498db,
    });
    expectValidContract(out.envelope);
  });

  it('a deleted role is keyed by the role alone: it can only be deleted once', () => {
    const out = roleDeleted({ guild_id: '100', role_id: '500' }, ctx);
    expect(out).toMatchObject({
      subject: 'discord.100.role.deleted',
      envelope: { id: '100:role:500:deleted', data: { roleId: '500' } },
    });
    expectValidContract(out.envelope);
  });
});
