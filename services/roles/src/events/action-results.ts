import { derivedId, type EnvelopeOf } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { fact } from '../domain/facts';
import { decideFailure } from '../domain/retry-policy';
import { recordFacts } from '../projections/project-fact';
import { announceCompletions } from './issue-ops';
import { RolesContext } from './roles-context';

export interface InFlightOp {
  opId: string;
  requestId: string;
  guildId: string;
  userId: string;
  attempts: number;
  actionId: string;
}

/** The in-flight operations these action ids belong to; results for other services' actions find nothing. */
export async function opsByActionId(
  tx: Tx,
  s: string,
  actionIds: string[],
): Promise<Map<string, InFlightOp>> {
  if (actionIds.length === 0) return new Map();
  const { rows } = await tx.query(
    `SELECT op_id, request_id, guild_id, user_id, attempts, action_id FROM ${s}.role_ops WHERE action_id = ANY($1) AND status = 'pending'`,
    [actionIds],
  );
  return new Map(
    rows.map((r) => [
      r.action_id,
      {
        opId: r.op_id,
        requestId: r.request_id,
        guildId: r.guild_id,
        userId: r.user_id,
        attempts: r.attempts,
        actionId: r.action_id,
      },
    ]),
  );
}

/** The gateway's word on one of our role actions: applied, retried later with backoff, or failed for good. */
export async function applyActionResult(
  ctx: RolesContext,
  tx: Tx,
  op: InFlightOp,
  result: EnvelopeOf<'action.done' | 'action.failed'>,
  done: boolean,
): Promise<void> {
  const at = result.occurredAt;
  if (done) {
    await recordFacts(tx, ctx.schema, [
      fact('op.applied', derivedId(op.actionId, 'applied'), op.guildId, at, { opId: op.opId }),
    ]);
  } else {
    const r = result.data;
    const error =
      [r.httpStatus !== undefined ? `HTTP ${r.httpStatus}` : undefined, r.error].filter(Boolean).join(': ') ||
      'the gateway reported a failure';
    await recordFailure(ctx, tx, op, { retryable: r.retryable === true, error, failedAt: at });
  }
  await announceCompletions(ctx, tx, [op.requestId], at);
}

export async function recordFailure(
  ctx: RolesContext,
  tx: Tx,
  op: InFlightOp,
  failure: { retryable: boolean; error: string; failedAt: string },
): Promise<void> {
  const decision = decideFailure(ctx.retry, op.attempts, failure);
  const f =
    decision.kind === 'retry'
      ? fact('op.retry_scheduled', derivedId(op.actionId, 'retry'), op.guildId, failure.failedAt, {
          opId: op.opId,
          retryAt: decision.retryAt,
          error: failure.error,
        })
      : fact('op.failed', derivedId(op.actionId, 'failed'), op.guildId, failure.failedAt, {
          opId: op.opId,
          error: decision.reason,
        });
  await recordFacts(tx, ctx.schema, [f]);
}
