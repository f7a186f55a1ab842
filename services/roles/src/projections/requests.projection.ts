import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import { OpOutcome, requestStatus, RequestStatus } from '../domain/request-status';

/** Each request with its status, and each role action it caused. */
export async function projectRequests(tx: Tx, s: string, f: RolesFact): Promise<void> {
  switch (f.type) {
    case 'request.refused':
    case 'request.accepted': {
      const d = f.data;
      const refused = f.type === 'request.refused';
      await tx.query(
        `INSERT INTO ${s}.role_requests (request_id, guild_id, user_id, origin, add_role_ids, remove_role_ids, status, problems, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING`,
        [
          d.requestId,
          f.guildId,
          d.userId,
          d.origin,
          d.add,
          d.remove,
          refused ? 'refused' : 'applied',
          JSON.stringify(refused ? f.data.refusals : []),
          f.occurredAt,
        ],
      );
      return;
    }
    case 'op.issued': {
      const d = f.data;
      await tx.query(
        `INSERT INTO ${s}.role_ops (op_id, request_id, guild_id, user_id, role_id, kind, status, attempts, action_id, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)
         ON CONFLICT (op_id) DO UPDATE SET status = 'pending', attempts = $7, action_id = $8, retry_at = NULL, sent_at = now(), updated_at = $9`,
        [d.opId, d.requestId, f.guildId, d.userId, d.roleId, d.kind, d.attempt, d.actionId, f.occurredAt],
      );
      return refreshRequest(tx, s, d.requestId, f.occurredAt);
    }
    case 'op.refused': {
      // No action was sent, so the op has no action id of its own (none of the gateway's results can match it).
      const d = f.data;
      await tx.query(
        `INSERT INTO ${s}.role_ops (op_id, request_id, guild_id, user_id, role_id, kind, status, attempts, action_id, error, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'failed', 0, '', $7, $8)
         ON CONFLICT (op_id) DO UPDATE SET status = 'failed', error = $7, retry_at = NULL, updated_at = $8`,
        [d.opId, d.requestId, f.guildId, d.userId, d.roleId, d.kind, d.reason, f.occurredAt],
      );
      return refreshRequest(tx, s, d.requestId, f.occurredAt);
    }
    case 'op.applied':
    case 'op.superseded':
      return setOp(
        tx,
        s,
        f.data.opId,
        f.type === 'op.applied' ? 'applied' : 'superseded',
        null,
        null,
        f.occurredAt,
      );
    case 'op.retry_scheduled':
      return setOp(tx, s, f.data.opId, 'retrying', f.data.error, f.data.retryAt, f.occurredAt);
    case 'op.failed':
      return setOp(tx, s, f.data.opId, 'failed', f.data.error, null, f.occurredAt);
    default:
      return;
  }
}

async function setOp(
  tx: Tx,
  s: string,
  opId: string,
  status: string,
  error: string | null,
  retryAt: string | null,
  at: string,
): Promise<void> {
  const { rows } = await tx.query(
    `UPDATE ${s}.role_ops SET status = $2, error = COALESCE($3, error), retry_at = $4, updated_at = $5 WHERE op_id = $1 RETURNING request_id`,
    [opId, status, error, retryAt, at],
  );
  if (rows[0]) await refreshRequest(tx, s, rows[0].request_id, at);
}

async function refreshRequest(tx: Tx, s: string, requestId: string, at: string): Promise<void> {
  const { rows } = await tx.query(`SELECT role_id, status, error FROM ${s}.role_ops WHERE request_id = $1`, [
    requestId,
  ]);
  const outcome = requestStatus(
    rows.map((r): OpOutcome => ({ roleId: r.role_id, status: r.status, error: r.error })),
  );
  await tx.query(
    `UPDATE ${s}.role_requests SET status = $2, problems = $3, updated_at = $4 WHERE request_id = $1 AND status <> 'refused'`,
    [requestId, outcome.status, JSON.stringify(outcome.failures), at],
  );
}

export interface RequestView {
  requestId: string;
  userId: string;
  origin: string;
  add: string[];
  remove: string[];
  status: RequestStatus;
  problems: { roleId: string; reason: string }[];
  operations: {
    opId: string;
    roleId: string;
    kind: string;
    status: string;
    attempts: number;
    error: string | null;
  }[];
  createdAt: string;
  updatedAt: string;
}

export async function loadRequests(
  tx: Tx,
  s: string,
  guildId: string,
  userId: string,
  limit = 50,
  requestId?: string,
): Promise<RequestView[]> {
  const { rows } = await tx.query(
    `SELECT r.*, COALESCE(json_agg(json_build_object('opId', o.op_id, 'roleId', o.role_id, 'kind', o.kind, 'status', o.status,
       'attempts', o.attempts, 'error', o.error) ORDER BY o.op_id) FILTER (WHERE o.op_id IS NOT NULL), '[]') AS operations
     FROM ${s}.role_requests r LEFT JOIN ${s}.role_ops o ON o.request_id = r.request_id
     WHERE r.guild_id = $1 AND r.user_id = $2 AND ($4::text IS NULL OR r.request_id = $4)
     GROUP BY r.request_id ORDER BY r.created_at DESC, r.request_id LIMIT $3`,
    [guildId, userId, limit, requestId ?? null],
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    userId: r.user_id,
    origin: r.origin,
    add: r.add_role_ids,
    remove: r.remove_role_ids,
    status: r.status,
    problems: r.problems,
    operations: r.operations,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
