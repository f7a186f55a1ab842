import type { Tx } from '@guildhall/eventing';
import { rateVerdict, type RateVerdict } from '@guildhall/platform';
import type { RequestLimits } from '../domain/request-limits';
import { recentRequests, requestRecorded } from '../projections/recent-requests';
import { lockMembers, memberKey } from './roles-context';

/**
 * Whether a member may make this request now (`at`, epoch ms: the wall clock for the web, the
 * interaction's time for /roles). Holds the member's lock, as submitRequest does, so two
 * replicas cannot both let the member's eleventh request through; the guild-wide count is
 * taken without a guild lock and may be passed by the few requests in flight at once.
 */
export async function requestAllowed(
  tx: Tx,
  s: string,
  limits: RequestLimits,
  request: { guildId: string; userId: string; requestId: string; at: number },
): Promise<RateVerdict> {
  const { guildId, userId, requestId, at } = request;
  await lockMembers(tx, s, [memberKey(guildId, userId)]);
  if (await requestRecorded(tx, s, requestId)) return { ok: true };
  const member = rateVerdict(
    limits.perMember,
    await recentRequests(tx, s, guildId, userId, at, limits.perMember.windowSeconds),
    at,
  );
  if (!member.ok) return member;
  return rateVerdict(
    limits.perGuild,
    await recentRequests(tx, s, guildId, null, at, limits.perGuild.windowSeconds),
    at,
  );
}
