export { directoryTablesSql, DIRECTORY_TABLES } from './migration-sql';
export {
  DirectoryWrites,
  type DirectoryRoleInput,
  type GuildSnapshot,
  type Queryable,
} from './directory-writes';
export { DirectoryReads, type DirectoryRole, type GuildDirectory } from './directory-reads';
export { DirectoryProjection, DIRECTORY_SUBJECTS } from './directory-projection';
export { directoryView, CATEGORY_CHANNEL, TEXT_CHANNEL_TYPES } from './directory-view';
export { unknownIdProblems, type IdReference } from './id-checks';
export { assertKnownIds, rejectUnknownIds } from './reject-unknown-ids';
export { GuildDirectoryController } from './directory.controller';
export { botHighestPosition, type GuildRole, type GuildRoleModel } from './guild-roles';
export { dangerousPermissionNames, MEMBER_PERMISSIONS } from './member-permissions';
export { unsafeRoleReason } from './role-safety';
