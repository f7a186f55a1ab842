import type { Session } from './session';

/** Services key members by id only; until a directory exists, others are shown by a short id. */
export function memberName(userId: string, session?: Session, known?: string | null): string {
  if (session?.user.id === userId) return session.user.globalName ?? session.user.username;
  return known ?? `Member ·${userId.slice(-4)}`;
}
