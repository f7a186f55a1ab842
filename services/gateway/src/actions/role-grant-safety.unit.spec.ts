import { unsafeRoleReason } from '@guildhall/guild-directory';
import type { APIRole } from 'discord-api-types/v10';
import { roleModelFromApi } from './role-grant-safety';

const role = (id: string, position: number, over: Partial<APIRole> = {}): APIRole =>
  ({ id, name: `role-${id}`, position, permissions: '0', managed: false, ...over }) as APIRole;

describe('role grant safety from Discord’s REST answers', () => {
  const roles = [
    role('1', 0, { name: '@everyone' }),
    role('90', 5, { name: 'Guildhall', managed: true, permissions: String(1n << 28n) }),
    role('10', 2, { name: 'Artist' }),
    role('11', 3, { name: 'Helper', permissions: String(1n << 13n) }),
    role('12', 5, { name: 'Staff' }),
  ];
  const model = roleModelFromApi(roles, ['90']);

  it('grants a plain role below the bot, and refuses a dangerous one, one level with the bot, or the bot’s own', () => {
    expect(unsafeRoleReason(model, '10')).toBeUndefined();
    expect(unsafeRoleReason(model, '11')).toBe('Helper grants dangerous permissions (Manage Messages)');
    expect(unsafeRoleReason(model, '12')).toBe("Staff is at or above the bot's highest role");
    expect(unsafeRoleReason(model, '90')).toMatch(/managed/);
  });

  it('a bot member without roles can grant nothing', () => {
    expect(unsafeRoleReason(roleModelFromApi(roles, []), '10')).toMatch(/at or above the bot/);
  });
});
