import type { GuildRole } from './permissions';

/** Permissions are re-checked while the session is used; the session itself lives a working day. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export interface SessionUser {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
}

export interface SessionGuild {
  id: string;
  name: string;
  icon: string | null;
  role: GuildRole;
}

/** What a request knows of its signed-in member. */
export interface Session {
  user: SessionUser;
  /** Guilds the member shares with Guildhall, with what they may do there. */
  guilds: SessionGuild[];
  /** Epoch seconds. */
  exp: number;
}

/** What the session store keeps for one signed-in browser. */
export interface SessionRecord extends Session {
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms at which the guilds and roles were last confirmed with Discord and the services. */
  checkedAt: number;
  /** The member's Discord access token, encrypted (session-seal `encrypt`). */
  discordToken: string;
}

/**
 * Moderator power is worth a fresh look: when the last confirmation is older than this (Discord
 * or the services unreachable meanwhile), a moderator is served as a member until it succeeds.
 */
export const MODERATOR_STALE_MS = 10 * 60 * 1000;

/** The session as this request may use it. */
export function sessionAsOf(record: SessionRecord, now: number): Session {
  const stale = now - record.checkedAt > MODERATOR_STALE_MS;
  return {
    user: record.user,
    guilds: stale ? record.guilds.map((g) => ({ ...g, role: 'member' as const })) : record.guilds,
    exp: record.exp,
  };
}

const ROLES = new Set<GuildRole>(['member', 'moderator', 'owner']);

/** A record read from the store, or undefined when it is not one (written by a future version, damaged). */
export function sessionRecord(value: unknown): SessionRecord | undefined {
  const r = value as Partial<SessionRecord> | null;
  if (!r || typeof r !== 'object') return undefined;
  if (typeof r.user?.id !== 'string' || !Array.isArray(r.guilds)) return undefined;
  if (!r.guilds.every((g) => typeof g?.id === 'string' && ROLES.has(g.role))) return undefined;
  if (![r.exp, r.createdAt, r.checkedAt].every((n) => typeof n === 'number')) return undefined;
  if (typeof r.discordToken !== 'string') return undefined;
  return r as SessionRecord;
}
