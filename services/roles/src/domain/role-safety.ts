// The pure safety rules live in the shared directory library: every service's directory marks roles with them.
export {
  DANGEROUS_PERMISSIONS,
  dangerousPermissionNames,
  unsafeRoleReason,
} from '@guildhall/guild-directory';
