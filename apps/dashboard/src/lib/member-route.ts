import type { GuildAccess, Need } from './access';
import { mayActFor } from './access';
import { guarded, jsonError } from './api-response';
import type { Caller } from './clients/service-fetch';
import { isSnowflake } from './snowflake';

/**
 * Routes under /members/[userId]: a member reads and acts only for themselves, a moderator for
 * anyone in the guild. The userId of the path is checked against the session, never trusted.
 */
export function forMember(
  guildId: string,
  userId: string,
  body: (ctx: { access: GuildAccess; caller: Caller; userId: string }) => Promise<Response>,
  need: Need = 'member',
): Promise<Response> {
  return guarded(guildId, need, async (access) => {
    if (!isSnowflake(userId)) return jsonError(400, 'userId must be a Discord id');
    const caller = access.caller!;
    if (!mayActFor(caller.role, caller.userId, userId))
      return jsonError(403, 'You can only see and change your own roles and progress.');
    return body({ access, caller, userId });
  });
}
