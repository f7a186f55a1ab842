import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { isModerator, type GuildRole } from './permissions';
import type { Caller } from './clients/service-fetch';
import { currentSession } from './current-session';
import type { Session, SessionGuild } from './session-record';
import { isSnowflake } from './snowflake';

/** What a route needs: anyone, a member of the guild, or a moderator of it. */
export type Need = 'public' | 'member' | 'moderator';

export interface GuildAccess {
  guildId: string;
  session?: Session;
  guild?: SessionGuild;
  /** Present when the visitor is signed in and shares the guild with Guildhall. */
  caller?: Caller;
}

export type AccessDecision =
  { ok: true; access: GuildAccess } | { ok: false; status: 400 | 401 | 403; message: string };

/** Pure: decides from the session alone (the session was signed by us at sign-in). */
export function decideAccess(session: Session | undefined, guildId: string, need: Need): AccessDecision {
  if (!isSnowflake(guildId)) return { ok: false, status: 400, message: 'guildId must be a Discord id' };
  const guild = session?.guilds.find((g) => g.id === guildId);
  const caller = session && guild ? { userId: session.user.id, guildId, role: guild.role } : undefined;
  const access: GuildAccess = { guildId, session, guild, caller };
  if (need === 'public') return { ok: true, access };
  if (!session) return { ok: false, status: 401, message: 'Sign in with Discord first.' };
  if (!guild)
    return {
      ok: false,
      status: 403,
      message: 'You are not a member of this server, or Guildhall is not installed there.',
    };
  if (need === 'moderator' && !isModerator(guild.role))
    return { ok: false, status: 403, message: 'Only moderators (Manage Server) can do this.' };
  return { ok: true, access };
}

/** A member acts only for themselves; a moderator may act for anyone in the guild. */
export function mayActFor(role: GuildRole, callerId: string, userId: string): boolean {
  return callerId === userId || isModerator(role);
}

/**
 * For server components: anonymous → sign-in (then back to the page asked for), not allowed →
 * 403 page, bad id → 404. Call it from a layout above any loading boundary, so the status is real.
 */
export async function requirePageAccess(
  guildId: string,
  need: Need,
  fallbackReturnTo: string,
): Promise<GuildAccess> {
  const decision = decideAccess(await currentSession(), guildId, need);
  if (decision.ok) return decision.access;
  if (decision.status === 400) notFound();
  if (decision.status === 401) {
    const asked = (await headers()).get('x-guildhall-path');
    const returnTo = asked?.startsWith('/') && !asked.startsWith('//') ? asked : fallbackReturnTo;
    redirect(`/api/auth/login?next=${encodeURIComponent(returnTo)}`);
  }
  forbidden();
}
