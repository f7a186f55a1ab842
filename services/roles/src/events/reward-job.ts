import { derivedId } from '@guildhall/contracts';
import { Logger } from '@nestjs/common';
import type { Tx } from '@guildhall/eventing';
import type { Pool } from 'pg';
import { inTransaction } from '@guildhall/platform';
import { fact } from '../domain/facts';
import { loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import { loadRewardJob, loadRewardTable } from '../projections/rewards.projection';
import { grantRewards } from './grant-rewards';
import { lockMembers, memberKey, RolesContext } from './roles-context';

const logger = new Logger('RewardJob');

/**
 * Marks the guild's running jobs superseded by `jobId`, in the transaction that saves the new
 * table: one job per guild walks its members, however often the table is saved. The job rows
 * are locked first, as a job's step locks its row first, so the two cannot deadlock.
 */
export async function supersedeRunningJobs(tx: Tx, s: string, guildId: string, jobId: string): Promise<void> {
  const { rows } = await tx.query(
    `SELECT job_id FROM ${s}.reward_jobs WHERE guild_id = $1 AND status = 'running' ORDER BY job_id FOR UPDATE`,
    [guildId],
  );
  const at = new Date().toISOString();
  await recordFacts(
    tx,
    s,
    rows.map((r) =>
      fact('rewards.job_superseded', derivedId(jobId, `supersedes:${r.job_id}`), guildId, at, {
        jobId: r.job_id,
        supersededBy: jobId,
      }),
    ),
  );
}

/**
 * Re-applies a changed reward table to every member's known level, a batch of members per
 * transaction, so progress survives a restart (the cursor is part of the job) and the job row
 * tells the dashboard how far it got.
 */
export class RewardJobRunner {
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly ctx: RolesContext,
    private readonly pool: Pool,
    private readonly afterCommit: () => void,
    private readonly batchSize = 200,
  ) {}

  /** Starts (or joins) the run of a job; resolves when it finished or the runner stopped. */
  run(jobId: string): Promise<void> {
    let run = this.running.get(jobId);
    if (!run) {
      run = this.loop(jobId)
        .catch((e) => logger.error(`rewards job ${jobId} stopped: ${(e as Error).message}`))
        .finally(() => this.running.delete(jobId));
      this.running.set(jobId, run);
    }
    return run;
  }

  /** Jobs a previous process left unfinished. */
  async resumeAll(): Promise<void> {
    const { rows } = await this.pool.query(
      `SELECT job_id FROM ${this.ctx.schema}.reward_jobs WHERE status = 'running'`,
    );
    for (const r of rows) void this.run(r.job_id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running.values());
  }

  private async loop(jobId: string): Promise<void> {
    while (!this.stopped && !(await inTransaction(this.pool, (tx) => this.step(tx, jobId))))
      this.afterCommit();
    this.afterCommit();
  }

  /** One batch; true when the job is finished. */
  private async step(tx: Tx, jobId: string): Promise<boolean> {
    const s = this.ctx.schema;
    await tx.query(`SELECT 1 FROM ${s}.reward_jobs WHERE job_id = $1 FOR UPDATE`, [jobId]);
    const job = await loadRewardJob(tx, s, jobId);
    // Finished, or superseded by a newer table's job (on this replica or another).
    if (!job || job.status !== 'running') return true;
    const { rows } = await tx.query(
      `SELECT user_id, level FROM ${s}.members WHERE guild_id = $1 AND level > 0 AND user_id > $2 ORDER BY user_id LIMIT $3`,
      [job.guildId, job.cursor, this.batchSize],
    );
    await lockMembers(
      tx,
      s,
      rows.map((r) => memberKey(job.guildId, r.user_id)),
    );
    const guild = await loadGuild(tx, s, job.guildId);
    const table = await loadRewardTable(tx, s, job.guildId);
    const at = new Date().toISOString();
    let ops = 0;
    for (const r of rows)
      ops += await grantRewards(this.ctx, tx, guild, table, {
        guildId: job.guildId,
        userId: r.user_id,
        level: r.level,
        requestId: `job:${jobId}:${r.user_id}`,
        occurredAt: at,
      });
    const done = job.done + rows.length;
    const finished = rows.length < this.batchSize;
    const cursor = rows.length > 0 ? rows[rows.length - 1].user_id : job.cursor;
    await recordFacts(tx, s, [
      fact('rewards.job_advanced', derivedId(jobId, `advanced:${done}`), job.guildId, at, {
        jobId,
        done,
        cursor,
      }),
      ...(finished
        ? [fact('rewards.job_finished', derivedId(jobId, 'finished'), job.guildId, at, { jobId })]
        : []),
    ]);
    logger.log(
      `rewards job ${jobId} (guild ${job.guildId}): ${done}/${Math.max(job.total, done)} members, ${ops} role actions${finished ? ', finished' : ''}`,
    );
    return finished;
  }
}
