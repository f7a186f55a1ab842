import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import { projectCatalog } from './catalog.projection';
import { projectGuilds } from './guilds.projection';
import { projectMembers } from './members.projection';
import { projectRequests } from './requests.projection';
import { projectRewards } from './rewards.projection';

/** Members before requests: reverting a failed wish reads the op before its status changes. */
const PROJECTIONS = [projectGuilds, projectCatalog, projectRewards, projectMembers, projectRequests];

/**
 * Appends facts to the event log and applies each new one to every read model, inside the
 * caller's transaction. A fact already in the log (same id) is not applied again.
 */
export async function recordFacts(tx: Tx, s: string, facts: readonly RolesFact[]): Promise<void> {
  for (const f of facts) {
    const { rowCount } = await tx.query(
      `INSERT INTO ${s}.roles_events (id, guild_id, type, data, occurred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [f.id, f.guildId, f.type, JSON.stringify(f.data), f.occurredAt],
    );
    if (rowCount === 0) continue;
    await applyFact(tx, s, f);
  }
}

export async function applyFact(tx: Tx, s: string, f: RolesFact): Promise<void> {
  for (const project of PROJECTIONS) await project(tx, s, f);
}
