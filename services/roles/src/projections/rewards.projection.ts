import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import type { RewardMode, RewardTable } from '../domain/level-rewards';

/** The level reward table of each guild, and the jobs that re-apply it to every member. */
export async function projectRewards(tx: Tx, s: string, f: RolesFact): Promise<void> {
  const g = f.guildId;
  switch (f.type) {
    case 'rewards.configured':
      await tx.query(
        `INSERT INTO ${s}.guilds (guild_id, reward_mode) VALUES ($1, $2) ON CONFLICT (guild_id) DO UPDATE SET reward_mode = $2`,
        [g, f.data.mode],
      );
      await tx.query(`DELETE FROM ${s}.level_rewards WHERE guild_id = $1`, [g]);
      for (const r of f.data.rewards)
        await tx.query(`INSERT INTO ${s}.level_rewards (guild_id, level, role_ids) VALUES ($1, $2, $3)`, [
          g,
          r.level,
          r.roleIds,
        ]);
      await tx.query(
        `INSERT INTO ${s}.reward_jobs (job_id, guild_id, status, total, done, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, $5, $5) ON CONFLICT DO NOTHING`,
        [f.data.jobId, g, f.data.total === 0 ? 'finished' : 'running', f.data.total, f.occurredAt],
      );
      return;
    case 'rewards.job_advanced':
      await tx.query(
        `UPDATE ${s}.reward_jobs SET done = $2, cursor = $3, updated_at = $4 WHERE job_id = $1`,
        [f.data.jobId, f.data.done, f.data.cursor, f.occurredAt],
      );
      return;
    case 'rewards.job_finished':
      await tx.query(
        `UPDATE ${s}.reward_jobs SET status = 'finished', total = GREATEST(total, done), updated_at = $2 WHERE job_id = $1`,
        [f.data.jobId, f.occurredAt],
      );
      return;
    case 'rewards.job_superseded':
      await tx.query(`UPDATE ${s}.reward_jobs SET status = 'superseded', updated_at = $2 WHERE job_id = $1`, [
        f.data.jobId,
        f.occurredAt,
      ]);
      return;
    default:
      return;
  }
}

export async function loadRewardTable(tx: Tx, s: string, guildId: string): Promise<RewardTable> {
  const guild = await tx.query(`SELECT reward_mode FROM ${s}.guilds WHERE guild_id = $1`, [guildId]);
  const rows = await tx.query(
    `SELECT level, role_ids FROM ${s}.level_rewards WHERE guild_id = $1 ORDER BY level`,
    [guildId],
  );
  return {
    mode: (guild.rows[0]?.reward_mode ?? 'stack') as RewardMode,
    rewards: rows.rows.map((r) => ({ level: r.level, roleIds: r.role_ids })),
  };
}

export interface RewardJob {
  jobId: string;
  guildId: string;
  status: 'running' | 'finished' | 'superseded';
  total: number;
  done: number;
  cursor: string;
}

export async function loadRewardJob(tx: Tx, s: string, jobId: string): Promise<RewardJob | undefined> {
  const { rows } = await tx.query(`SELECT * FROM ${s}.reward_jobs WHERE job_id = $1`, [jobId]);
  const r = rows[0];
  return (
    r && {
      jobId: r.job_id,
      guildId: r.guild_id,
      status: r.status,
      total: r.total,
      done: r.done,
      cursor: r.cursor,
    }
  );
}
