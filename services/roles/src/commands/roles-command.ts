import type { Envelope, InteractionCommand } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { observeMemberRoles } from '../events/observe-member';
import type { RolesContext } from '../events/roles-context';
import { loadCatalog } from '../projections/catalog.projection';
import type { GuildState } from '../projections/guilds.projection';
import { expectedRoles, loadMember } from '../projections/members.projection';
import { interactionAnswer } from './interaction-answer';
import { rolesMenu } from './roles-menu';

/** `/roles`: an ephemeral message with one select menu per catalog category. Caller holds the member lock. */
export async function handleRolesCommand(
  ctx: RolesContext,
  tx: Tx,
  guild: GuildState,
  cmd: Envelope<InteractionCommand>,
): Promise<void> {
  const { guildId, occurredAt } = cmd;
  const userId = cmd.data.userId;
  await observeMemberRoles(ctx, tx, guild, {
    guildId,
    userId,
    roleIds: cmd.data.roleIds,
    occurredAt,
    causeId: cmd.id,
  });
  const catalog = await loadCatalog(tx, ctx.schema, guildId);
  const member = await loadMember(tx, ctx.schema, guildId, userId);
  await ctx.outbox.add(tx, [interactionAnswer(cmd, 'reply', rolesMenu(catalog, expectedRoles(member)))]);
}
