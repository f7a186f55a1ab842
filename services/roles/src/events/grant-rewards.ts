import { Logger } from '@nestjs/common';
import type { Tx } from '@guildhall/eventing';
import { rewardChanges, RewardTable } from '../domain/level-rewards';
import { unsafeRoleReason } from '../domain/role-safety';
import { planOps } from '../domain/sync-plan';
import type { GuildState } from '../projections/guilds.projection';
import { loadMember } from '../projections/members.projection';
import { RolesContext } from './roles-context';
import { applyChanges } from './submit-request';

const logger = new Logger('LevelRewards');

/**
 * Brings one member's reward roles in line with their level. Nothing is recorded when they
 * already match, so replaying a table over thousands of members only touches those it changes.
 * The caller holds the member's lock.
 */
export async function grantRewards(
  ctx: RolesContext,
  tx: Tx,
  guild: GuildState,
  table: RewardTable,
  grant: { guildId: string; userId: string; level: number; requestId: string; occurredAt: string },
): Promise<number> {
  const changes = rewardChanges(table, grant.level).filter((c) => {
    const unsafe = unsafeRoleReason(guild.model, c.roleId);
    if (unsafe) logger.warn(`guild ${grant.guildId}: level reward role ${c.roleId} skipped: ${unsafe}`);
    return !unsafe;
  });
  if (changes.length === 0) return 0;
  const member = await loadMember(tx, ctx.schema, grant.guildId, grant.userId);
  const inFlight = new Map([...member.inFlight].map(([roleId, op]) => [roleId, op.kind]));
  const desired = new Map(member.desired.map((d) => [d.roleId, d.want]));
  const unchanged =
    planOps(changes, { actual: member.actual, inFlight }).length === 0 &&
    changes.every((c) => desired.get(c.roleId) === c.want);
  if (unchanged) return 0;
  const ops = await applyChanges(
    ctx,
    tx,
    {
      guildId: grant.guildId,
      userId: grant.userId,
      requestId: grant.requestId,
      origin: 'reward',
      occurredAt: grant.occurredAt,
      add: changes.filter((c) => c.want).map((c) => c.roleId),
      remove: changes.filter((c) => !c.want).map((c) => c.roleId),
    },
    guild.model,
    member,
    changes,
  );
  return ops.length;
}
