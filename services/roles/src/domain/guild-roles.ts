// The guild role model is shared with the directory library, which derives "assignable" from it.
export { botHighestPosition, type GuildRole, type GuildRoleModel } from '@guildhall/guild-directory';
