// The pure safety rules live in the shared directory library: every service's directory marks roles with them.
export { dangerousPermissionNames, MEMBER_PERMISSIONS, unsafeRoleReason } from '@guildhall/guild-directory';
