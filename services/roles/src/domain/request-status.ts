import { RoleProblem } from './member';

export type OpStatus = 'pending' | 'retrying' | 'applied' | 'failed' | 'superseded';
export type RequestStatus = 'refused' | 'pending' | 'applied' | 'failed';

export interface OpOutcome {
  roleId: string;
  status: OpStatus;
  error: string | null;
}

/** A request is pending while any of its actions is; failed if any failed for good; else applied. */
export function requestStatus(ops: readonly OpOutcome[]): {
  status: Exclude<RequestStatus, 'refused'>;
  failures: RoleProblem[];
} {
  if (ops.some((o) => o.status === 'pending' || o.status === 'retrying'))
    return { status: 'pending', failures: [] };
  const failures = ops
    .filter((o) => o.status === 'failed')
    .map((o) => ({ roleId: o.roleId, reason: o.error ?? 'failed' }));
  return { status: failures.length > 0 ? 'failed' : 'applied', failures };
}
