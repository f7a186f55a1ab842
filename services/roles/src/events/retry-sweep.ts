import { derivedId } from '@guildhall/contracts';
import { Logger } from '@nestjs/common';
import type { Tx } from '@guildhall/eventing';
import type { Pool } from 'pg';
import { inTransaction } from '@guildhall/platform';
import { fact } from '../domain/facts';
import { unsafeRoleReason } from '../domain/role-safety';
import { loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import { InFlightOp, recordFailure } from './action-results';
import { actionIdOf, announceCompletions } from './issue-ops';
import { lockMembers, memberKey, roleAction, RolesContext } from './roles-context';

const logger = new Logger('RetrySweep');

export interface SweepOptions {
  everyMs: number;
  /** An attempt with no result after this long is treated as a retryable failure (a lost message, a crashed gateway). */
  resultTimeoutMs: number;
  batchSize?: number;
}

/**
 * Fires scheduled retries. The wall clock only decides *when* a retry runs; *whether* and at
 * which time was decided from the failure's own timestamp when it was recorded.
 */
export class RetrySweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: RolesContext,
    private readonly pool: Pool,
    private readonly opts: SweepOptions,
    private readonly afterCommit: () => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => this.runOnce(new Date()))
        .catch((e) => logger.error(`sweep failed: ${(e as Error).message}`));
    }, this.opts.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many operations it moved on. */
  async runOnce(now: Date): Promise<number> {
    const s = this.ctx.schema;
    const { rows } = await this.pool.query(
      `SELECT op_id FROM ${s}.role_ops
       WHERE (status = 'retrying' AND retry_at <= $1) OR (status = 'pending' AND sent_at <= $1::timestamptz - make_interval(secs => $2))
       ORDER BY updated_at LIMIT $3`,
      [now.toISOString(), this.opts.resultTimeoutMs / 1000, this.opts.batchSize ?? 200],
    );
    let moved = 0;
    for (const { op_id } of rows)
      if (await inTransaction(this.pool, (tx) => this.advance(tx, op_id, now))) moved++;
    if (moved > 0) this.afterCommit();
    return moved;
  }

  private async advance(tx: Tx, opId: string, now: Date): Promise<boolean> {
    const s = this.ctx.schema;
    const peek = await tx.query(`SELECT guild_id, user_id FROM ${s}.role_ops WHERE op_id = $1`, [opId]);
    if (!peek.rows[0]) return false;
    await lockMembers(tx, s, [memberKey(peek.rows[0].guild_id, peek.rows[0].user_id)]);
    const { rows } = await tx.query(
      `SELECT o.op_id, o.request_id, o.guild_id, o.user_id, o.role_id, o.kind, o.status, o.attempts, o.action_id, o.retry_at, o.sent_at, r.origin
       FROM ${s}.role_ops o JOIN ${s}.role_requests r USING (request_id) WHERE o.op_id = $1`,
      [opId],
    );
    const op = rows[0];
    const at = now.toISOString();
    const inFlight: InFlightOp = {
      opId,
      requestId: op.request_id,
      guildId: op.guild_id,
      userId: op.user_id,
      attempts: op.attempts,
      actionId: op.action_id,
    };
    if (
      op.status === 'pending' &&
      new Date(op.sent_at).getTime() <= now.getTime() - this.opts.resultTimeoutMs
    ) {
      await recordFailure(this.ctx, tx, inFlight, {
        retryable: true,
        error: `no result from the gateway within ${this.opts.resultTimeoutMs} ms`,
        failedAt: at,
      });
      await announceCompletions(this.ctx, tx, [op.request_id], at);
      return true;
    }
    if (op.status !== 'retrying' || new Date(op.retry_at).getTime() > now.getTime()) return false;
    // Minutes may have passed since the request was checked: the role may have been made dangerous.
    const unsafe =
      op.kind === 'add'
        ? unsafeRoleReason((await loadGuild(tx, s, op.guild_id)).model, op.role_id)
        : undefined;
    if (unsafe) {
      await recordFacts(tx, s, [
        fact('op.failed', derivedId(op.action_id, 'failed'), op.guild_id, at, {
          opId,
          error: `not retried: ${unsafe}`,
        }),
      ]);
      await announceCompletions(this.ctx, tx, [op.request_id], at);
      logger.warn(`not retrying the grant of role ${op.role_id} to ${op.user_id}: ${unsafe}`);
      return true;
    }
    const attempt = op.attempts + 1;
    const actionId = actionIdOf(opId, attempt);
    await recordFacts(tx, s, [
      fact('op.issued', derivedId(opId, `issued:${attempt}`), op.guild_id, at, {
        opId,
        requestId: op.request_id,
        userId: op.user_id,
        roleId: op.role_id,
        kind: op.kind,
        attempt,
        actionId,
      }),
    ]);
    await this.ctx.outbox.add(tx, [
      roleAction(
        op.guild_id,
        actionId,
        op.kind,
        op.user_id,
        op.role_id,
        `Guildhall roles: retry ${attempt} of request ${op.request_id}`,
        at,
        op.origin,
      ),
    ]);
    logger.log(`retrying ${op.kind} of role ${op.role_id} for ${op.user_id} (attempt ${attempt})`);
    return true;
  }
}
