import type { GuildDirectoryResponse } from '@guildhall/contracts';
import { serviceFetch, type Caller, type ServiceName } from './service-fetch';

export type {
  DirectoryCategoryView,
  DirectoryChannelView,
  DirectoryRoleView,
  GuildDirectoryResponse,
} from '@guildhall/contracts';

/**
 * What a service knows of the guild's roles and channels (moderators only). Ask the service the
 * choice is for: its copy is the one its write will be checked against, and roles marks which
 * roles it may grant.
 */
export function getDirectory(
  service: ServiceName,
  guildId: string,
  caller: Caller,
): Promise<GuildDirectoryResponse> {
  return serviceFetch<GuildDirectoryResponse>(service, `/guilds/${guildId}/directory`, { caller });
}
