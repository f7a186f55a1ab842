import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import { applyFact } from './project-fact';

/** Every read model; the event log, inbox and outbox are left alone. */
export const READ_MODELS = [
  'guilds',
  'directory_guilds',
  'directory_roles',
  'directory_channels',
  'catalog_categories',
  'catalog_roles',
  'level_rewards',
  'members',
  'desired_roles',
  'role_requests',
  'role_ops',
  'reward_jobs',
];
const PAGE = 5000;

/** Empties the read models and replays `roles_events` into them, inside the caller's transaction. */
export async function rebuildProjections(
  tx: Tx,
  s: string,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const { rows: count } = await tx.query(`SELECT count(*)::int AS n FROM ${s}.roles_events`);
  const total: number = count[0].n;
  await tx.query(`TRUNCATE ${READ_MODELS.map((t) => `${s}.${t}`).join(', ')}`);
  let done = 0;
  for (let after = 0; ;) {
    const { rows } = await tx.query(
      `SELECT seq, id, guild_id, type, data, occurred_at FROM ${s}.roles_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, PAGE],
    );
    if (rows.length === 0) break;
    for (const r of rows)
      await applyFact(tx, s, {
        id: r.id,
        type: r.type,
        guildId: r.guild_id,
        occurredAt: new Date(r.occurred_at).toISOString(),
        data: r.data,
      } as RolesFact);
    after = Number(rows[rows.length - 1].seq);
    done += rows.length;
    progress(done, total);
  }
  return done;
}
