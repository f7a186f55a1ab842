import { derivedId } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { fact, RolesFact } from '../domain/facts';
import { reconcileObservation } from '../domain/sync-plan';
import type { GuildState } from '../projections/guilds.projection';
import { loadMember } from '../projections/members.projection';
import { recordFacts } from '../projections/project-fact';
import { RolesContext } from './roles-context';
import { applyChanges } from './submit-request';

/**
 * Discord told us a member's roles (member.updated, member.joined, or an interaction). A role
 * changed by hand is followed, or put back when the guild enforces its desired roles.
 * The caller holds the member's lock.
 */
export async function observeMemberRoles(
  ctx: RolesContext,
  tx: Tx,
  guild: GuildState,
  obs: { guildId: string; userId: string; roleIds: string[]; occurredAt: string; causeId: string },
): Promise<void> {
  const { guildId, userId, occurredAt, causeId } = obs;
  const facts: RolesFact[] = [
    fact('member.roles_observed', derivedId(causeId, 'observed'), guildId, occurredAt, {
      userId,
      roleIds: obs.roleIds,
    }),
  ];
  if (guild.botUserId === userId)
    facts.push(
      fact('guild.bot_roles_changed', derivedId(causeId, 'bot-roles'), guildId, occurredAt, {
        botRoleIds: obs.roleIds,
      }),
    );
  await recordFacts(tx, ctx.schema, facts);

  const member = await loadMember(tx, ctx.schema, guildId, userId);
  const inFlight = new Map([...member.inFlight].map(([roleId, op]) => [roleId, op.kind]));
  const outcome = reconcileObservation(
    new Set(obs.roleIds),
    occurredAt,
    member.desired,
    inFlight,
    guild.enforce,
  );
  if (outcome.reflect.length > 0)
    await recordFacts(tx, ctx.schema, [
      fact('desired.reflected', derivedId(causeId, 'reflected'), guildId, occurredAt, {
        userId,
        changes: outcome.reflect,
      }),
    ]);
  if (outcome.enforce.length > 0) {
    const changes = outcome.enforce.map((op) => ({ roleId: op.roleId, want: op.kind === 'add' }));
    await applyChanges(
      ctx,
      tx,
      {
        guildId,
        userId,
        requestId: `enforce:${causeId}`,
        origin: 'enforce',
        occurredAt,
        add: changes.filter((c) => c.want).map((c) => c.roleId),
        remove: changes.filter((c) => !c.want).map((c) => c.roleId),
      },
      guild.model,
      member,
      changes,
    );
  }
}
