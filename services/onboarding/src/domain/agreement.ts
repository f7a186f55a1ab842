/** What the service knows about one member of one guild. */
export interface MemberState {
  present: boolean;
  joinedAt: string | null;
  /** The rules version of the agreement in force; null while the member must (re-)agree. */
  agreedVersion: number | null;
}

export interface JoinFacts {
  bot: boolean;
  joinedAt: string;
}

export type JoinDecision =
  | { kind: 'ignore'; reason: 'bot' | 'duplicate' }
  /** Needs agreement: give Pre-Member and greet. `restarted` drops an earlier agreement. */
  | { kind: 'onboard'; restarted: boolean }
  /** Rejoined with an agreement the guild lets them keep: give Member back (Discord drops roles on leave). */
  | { kind: 'welcome_back'; agreedVersion: number };

/**
 * A join is a duplicate when it repeats the join we already hold (same joinedAt) for a member
 * still present: the gateway may report it again after a reconnect under a new envelope id.
 */
export function decideJoin(
  state: MemberState | undefined,
  join: JoinFacts,
  restartOnRejoin: boolean,
): JoinDecision {
  if (join.bot) return { kind: 'ignore', reason: 'bot' };
  if (!state) return { kind: 'onboard', restarted: false };
  if (state.present && state.joinedAt === join.joinedAt) return { kind: 'ignore', reason: 'duplicate' };
  if (state.agreedVersion === null) return { kind: 'onboard', restarted: false };
  if (restartOnRejoin) return { kind: 'onboard', restarted: true };
  return { kind: 'welcome_back', agreedVersion: state.agreedVersion };
}

export interface AgreementRoles {
  preMemberRoleId: string | null;
  memberRoleId: string | null;
}

export type AgreeDecision =
  /** Record the agreement; `swapRoles` unless the member already held an agreement (and so the roles). */
  | { kind: 'agree'; version: number; swapRoles: boolean }
  | { kind: 'already_agreed'; version: number }
  /** Without a Member role an agreement would change nothing in Discord; a moderator must finish setup. */
  | { kind: 'not_ready' };

/** Dedupes by state, not by envelope: a second click or a late replay finds the agreement already there. */
export function decideAgree(
  state: MemberState | undefined,
  currentVersion: number,
  roles: AgreementRoles,
): AgreeDecision {
  const agreed = state?.agreedVersion ?? null;
  if (agreed !== null && agreed >= currentVersion) return { kind: 'already_agreed', version: agreed };
  if (roles.memberRoleId === null) return { kind: 'not_ready' };
  return { kind: 'agree', version: currentVersion, swapRoles: agreed === null };
}

export type MemberStatus = 'unknown' | 'needs_agreement' | 'agreed' | 'left';

export function memberStatus(state: MemberState | undefined): MemberStatus {
  if (!state) return 'unknown';
  if (!state.present) return 'left';
  return state.agreedVersion === null ? 'needs_agreement' : 'agreed';
}

/** A publish that requires re-agreement voids every agreement to an older version. */
export function agreementAfterPublish(
  agreedVersion: number | null,
  version: number,
  requiresReagreement: boolean,
): number | null {
  if (agreedVersion === null) return null;
  return requiresReagreement && agreedVersion < version ? null : agreedVersion;
}

export interface RoleMove {
  userId: string;
  removeRoleId: string | null;
  addRoleId: string | null;
}

/**
 * With `reagreeOnNewVersion`, a new version sends every member who agreed to an older one back
 * to Pre-Member (Member taken away) until they agree again; without it, roles stay as they are.
 */
export function reagreementMoves(
  agreedToOlder: readonly string[],
  roles: AgreementRoles & { reagreeOnNewVersion: boolean },
): RoleMove[] {
  if (!roles.reagreeOnNewVersion || (roles.memberRoleId === null && roles.preMemberRoleId === null))
    return [];
  return agreedToOlder.map((userId) => ({
    userId,
    removeRoleId: roles.memberRoleId,
    addRoleId: roles.preMemberRoleId,
  }));
}
