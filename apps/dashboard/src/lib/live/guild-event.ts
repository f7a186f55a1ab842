/** What the live stream tells a browser; deliberately less than the domain event it came from. */
export type GuildEvent =
  | { kind: 'level'; userId: string; level: number }
  | { kind: 'xp'; userId: string }
  | {
      kind: 'roles';
      userId: string;
      status: 'pending' | 'applied' | 'failed' | 'refused';
      reasons?: string[];
    }
  | { kind: 'onboarding'; userId: string; type: string }
  | { kind: 'leaderboard' };

/** Subjects one guild's live view listens to (unprefixed; the namespace is added by the caller). */
export function liveSubjects(guildId: string): string[] {
  return [`xp.${guildId}.>`, `roles.${guildId}.>`, `onboarding.${guildId}.>`];
}

interface Envelope {
  type?: string;
  data?: Record<string, unknown>;
}

const ROLE_STATUS: Record<string, 'pending' | 'applied' | 'failed' | 'refused'> = {
  'roles.request_accepted': 'pending',
  'roles.request_applied': 'applied',
  'roles.request_failed': 'failed',
  'roles.request_refused': 'refused',
};

/** Pure: a domain envelope → the browser event, or undefined when the dashboard does not care. */
export function toGuildEvent(envelope: Envelope): GuildEvent | undefined {
  const data = envelope.data ?? {};
  const userId = typeof data.userId === 'string' ? data.userId : undefined;
  const type = envelope.type ?? '';
  if (!userId) return undefined;
  if (type === 'xp.level_reached') return { kind: 'level', userId, level: Number(data.level ?? 0) };
  if (type === 'xp.awarded') return { kind: 'xp', userId };
  if (type in ROLE_STATUS) {
    const problems = (data.refusals ?? data.failures) as { reason?: string }[] | undefined;
    const reasons = problems?.map((p) => String(p.reason ?? '')).filter(Boolean);
    return { kind: 'roles', userId, status: ROLE_STATUS[type], ...(reasons?.length ? { reasons } : {}) };
  }
  if (type.startsWith('onboarding.')) return { kind: 'onboarding', userId, type };
  return undefined;
}

/** Who holds the stream: undefined for a visitor who is not a member of the guild. */
export interface Viewer {
  userId: string;
  moderator: boolean;
}

/**
 * What this viewer may see. XP and level-ups are public (the leaderboard shows them, level-ups
 * are announced in the server); a member's role requests and onboarding steps are theirs and the
 * moderators' alone. Visitors who are not members only learn that the leaderboard moved.
 */
export function forViewer(event: GuildEvent, viewer: Viewer | undefined): GuildEvent | undefined {
  if (!viewer) return event.kind === 'xp' || event.kind === 'level' ? { kind: 'leaderboard' } : undefined;
  if (viewer.moderator || event.kind === 'xp' || event.kind === 'level' || event.kind === 'leaderboard')
    return event;
  return event.userId === viewer.userId ? event : undefined;
}
