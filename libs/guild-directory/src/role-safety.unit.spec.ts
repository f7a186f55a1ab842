import { GuildRole, GuildRoleModel } from './guild-roles';
import { dangerousPermissionNames, unsafeRoleReason } from './role-safety';

const role = (id: string, position: number, over: Partial<GuildRole> = {}): GuildRole => ({
  id,
  name: `role-${id}`,
  position,
  permissions: '0',
  managed: false,
  ...over,
});
const model = (...roles: GuildRole[]): GuildRoleModel => ({
  roles: new Map(roles.map((r) => [r.id, r])),
  botRoleIds: ['90'],
});
const bot = role('90', 10, { name: 'Guildhall' });

describe('role safety', () => {
  it('allows a plain role below the bot', () => {
    expect(unsafeRoleReason(model(bot, role('1', 3)), '1')).toBeUndefined();
  });

  it('refuses a role at or above the bot, a managed role, and an unknown role', () => {
    expect(unsafeRoleReason(model(bot, role('1', 10)), '1')).toMatch(/at or above the bot/);
    expect(unsafeRoleReason(model(bot, role('1', 12)), '1')).toMatch(/at or above the bot/);
    expect(unsafeRoleReason(model(bot, role('1', 2, { managed: true })), '1')).toMatch(/managed/);
    expect(unsafeRoleReason(model(bot), '1')).toMatch(/no longer exists/);
  });

  it('refuses Administrator, Ban, Kick and every Manage permission', () => {
    for (const bit of [0x8n, 0x4n, 0x2n, 0x20n, 0x10000000n, 0x10n, 0x2000n, 0x20000000n, 1n << 34n]) {
      expect(unsafeRoleReason(model(bot, role('1', 2, { permissions: bit.toString() })), '1')).toMatch(
        /dangerous/,
      );
    }
  });

  it('names each dangerous permission, even above 2^53', () => {
    expect(dangerousPermissionNames(((1n << 3n) | (1n << 40n) | 1024n).toString())).toEqual([
      'Administrator',
      'Timeout Members',
    ]);
    expect(dangerousPermissionNames('1024')).toEqual([]);
  });

  it('a bot without roles can manage nothing', () => {
    expect(unsafeRoleReason({ roles: new Map([['1', role('1', 1)]]), botRoleIds: [] }, '1')).toMatch(
      /above the bot/,
    );
  });
});
