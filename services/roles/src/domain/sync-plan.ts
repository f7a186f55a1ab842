import { DesiredChange } from './member';

export type OpKind = 'add' | 'remove';

export interface PlannedOp {
  roleId: string;
  kind: OpKind;
}

/** What is known of one member's roles: Discord's last word and the changes in flight. */
export interface MemberRoleState {
  /** Undefined when Discord has not told us this member's roles yet. */
  actual: ReadonlySet<string> | undefined;
  /** The kind of the one operation in flight per role, if any. */
  inFlight: ReadonlyMap<string, OpKind>;
}

/**
 * The role actions that bring the member to the desired roles. A role already heading the
 * right way is left alone; one heading the other way gets a new operation that supersedes it.
 * With unknown actual roles the action is issued anyway: role add and remove are idempotent.
 */
export function planOps(changes: readonly DesiredChange[], state: MemberRoleState): PlannedOp[] {
  const ops: PlannedOp[] = [];
  for (const { roleId, want } of changes) {
    const kind: OpKind = want ? 'add' : 'remove';
    const flying = state.inFlight.get(roleId);
    if (flying === kind) continue;
    if (flying === undefined && state.actual !== undefined && state.actual.has(roleId) === want) continue;
    ops.push({ roleId, kind });
  }
  return ops;
}

export interface DesiredRole {
  roleId: string;
  want: boolean;
  /** When the desired state last changed or was last confirmed by an applied action. */
  changedAt: string;
}

export type ObservationOutcome = { reflect: DesiredChange[]; enforce: PlannedOp[] };

/**
 * Discord reports the member's roles. Where they differ from what we want for a role we are not
 * changing right now, someone changed it by hand: by default we follow them (the desired state
 * is updated, not fought); a guild with `enforce` puts its desired state back. An observation
 * older than our last change to a role says nothing about it (the streams interleave).
 */
export function reconcileObservation(
  observed: ReadonlySet<string>,
  observedAt: string,
  desired: readonly DesiredRole[],
  inFlight: ReadonlyMap<string, OpKind>,
  enforce: boolean,
): ObservationOutcome {
  const outcome: ObservationOutcome = { reflect: [], enforce: [] };
  const at = Date.parse(observedAt);
  for (const d of desired) {
    if (inFlight.has(d.roleId) || at <= Date.parse(d.changedAt)) continue;
    const has = observed.has(d.roleId);
    if (has === d.want) continue;
    if (enforce) outcome.enforce.push({ roleId: d.roleId, kind: d.want ? 'add' : 'remove' });
    else outcome.reflect.push({ roleId: d.roleId, want: has });
  }
  return outcome;
}
