import type { Envelope, InteractionComponent } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import type { Catalog } from '../domain/catalog';
import type { GuildRoleModel } from '../domain/guild-roles';
import { categoryOfPick, pickToRequest } from '../domain/role-picker';
import { observeMemberRoles } from '../events/observe-member';
import { requestAllowed } from '../events/request-rate-limit';
import type { RolesContext } from '../events/roles-context';
import { RequestOutcome, submitRequest } from '../events/submit-request';
import { loadCatalog } from '../projections/catalog.projection';
import type { GuildState } from '../projections/guilds.projection';
import { expectedRoles, loadMember } from '../projections/members.projection';
import { interactionAnswer } from './interaction-answer';

/** A selection in a `roles:pick:<categoryId>` menu becomes a request; the picker message says what happened. */
export async function handleRolePick(
  ctx: RolesContext,
  tx: Tx,
  guild: GuildState,
  pick: Envelope<InteractionComponent>,
): Promise<void> {
  const { guildId, occurredAt } = pick;
  const userId = pick.data.userId;
  const categoryId = categoryOfPick(pick.data.customId);
  const catalog = await loadCatalog(tx, ctx.schema, guildId);
  if (categoryId === undefined || !catalog.categories.has(categoryId)) {
    await ctx.outbox.add(tx, [
      interactionAnswer(pick, 'reply', { content: 'This menu is out of date: run /roles again.' }),
    ]);
    return;
  }
  await observeMemberRoles(ctx, tx, guild, {
    guildId,
    userId,
    roleIds: pick.data.roleIds,
    occurredAt,
    causeId: pick.id,
  });
  const requestId = `discord:${pick.id}`;
  const allowed = await requestAllowed(tx, ctx.schema, ctx.requestLimits, {
    guildId,
    userId,
    requestId,
    at: Date.parse(occurredAt),
  });
  if (!allowed.ok) {
    await ctx.outbox.add(tx, [
      interactionAnswer(pick, 'update', { content: `Too many role changes: ${allowed.message}.` }),
    ]);
    return;
  }
  const member = await loadMember(tx, ctx.schema, guildId, userId);
  const request = pickToRequest(catalog, categoryId, expectedRoles(member), pick.data.values);
  const outcome = await submitRequest(ctx, tx, {
    guildId,
    userId,
    requestId,
    origin: 'discord',
    add: [...request.add],
    remove: [...request.remove],
    occurredAt,
  });
  await ctx.outbox.add(tx, [
    interactionAnswer(pick, 'update', { content: describeOutcome(outcome, catalog, guild.model) }),
  ]);
}

export function describeOutcome(outcome: RequestOutcome, catalog: Catalog, guild: GuildRoleModel): string {
  const name = (roleId: string) =>
    catalog.roles.get(roleId)?.label ?? guild.roles.get(roleId)?.name ?? roleId;
  if (outcome.status === 'refused')
    return [
      "I couldn't change your roles:",
      ...outcome.refusals.map((r) => `• ${name(r.roleId)}: ${r.reason}`),
    ].join('\n');
  if (outcome.operations.length === 0) return 'Your roles are already up to date.';
  const changes = outcome.operations.map((op) => `${op.kind === 'add' ? '+' : '−'} ${name(op.roleId)}`);
  return `Updating your roles: ${changes.join(', ')}`;
}
