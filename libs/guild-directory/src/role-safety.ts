import { botHighestPosition, GuildRoleModel } from './guild-roles';
import { dangerousPermissionNames } from './member-permissions';

/**
 * Why the bot must not hand this role out (or take it away) on its own say-so: a member's request,
 * a level reward, onboarding, enforcement; undefined when safe. "Dangerous" is any permission
 * beyond a member's (see member-permissions.ts).
 */
export function unsafeRoleReason(model: GuildRoleModel, roleId: string): string | undefined {
  const role = model.roles.get(roleId);
  if (!role) return 'this role no longer exists in the server';
  if (role.managed) return `${role.name} is managed by an integration and cannot be assigned`;
  if (role.position >= botHighestPosition(model)) return `${role.name} is at or above the bot's highest role`;
  const dangerous = dangerousPermissionNames(role.permissions);
  if (dangerous.length > 0) return `${role.name} grants dangerous permissions (${dangerous.join(', ')})`;
  return undefined;
}
