/** What the gateway last told the stream about a member (tombstoned when they left). */
export interface RosterEntry {
  present: boolean;
  roleIds: readonly string[];
  /** null when not known (a join does not carry it). */
  nick: string | null;
  updatedAt: Date;
}

/** A member as Discord lists them now. */
export interface ListedMember {
  userId: string;
  roleIds: readonly string[];
  nick: string | null;
}

export type RosterChange<M extends ListedMember = ListedMember> =
  { kind: 'joined'; member: M } | { kind: 'left'; userId: string } | { kind: 'updated'; member: M };

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((r) => set.has(r));
};

/**
 * What changed while nobody was listening: Discord's member list against what the stream was
 * told. A roster entry written at or after `listedAt` came from a live event newer than the
 * list, so it is left alone instead of being contradicted by an older picture.
 */
export function rosterDiff<M extends ListedMember>(
  roster: ReadonlyMap<string, RosterEntry>,
  listed: readonly M[],
  listedAt: Date,
): RosterChange<M>[] {
  const changes: RosterChange<M>[] = [];
  const seen = new Set<string>();
  for (const member of listed) {
    seen.add(member.userId);
    const entry = roster.get(member.userId);
    if (entry && entry.updatedAt >= listedAt) continue;
    if (!entry || !entry.present) changes.push({ kind: 'joined', member });
    else if (!sameRoles(entry.roleIds, member.roleIds) || (entry.nick !== null && entry.nick !== member.nick))
      changes.push({ kind: 'updated', member });
  }
  for (const [userId, entry] of roster)
    if (entry.present && !seen.has(userId) && entry.updatedAt < listedAt)
      changes.push({ kind: 'left', userId });
  return changes;
}
