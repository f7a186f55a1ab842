import {
  derivedId,
  actionSubject,
  ActionType,
  DiscordEventType,
  event,
  type AnyEnvelope,
  type EnvelopeOf,
  type ChannelInfo,
  type RoleInfo,
} from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { handleRolePick } from '../commands/role-pick';
import { handleRolesCommand } from '../commands/roles-command';
import { fact } from '../domain/facts';
import { GuildState, loadGuild } from '../projections/guilds.projection';
import { recordFacts } from '../projections/project-fact';
import { announceCompletions } from './issue-ops';
import { observeMemberRoles } from './observe-member';
import { lockMembers, memberKey, RolesContext, SOURCE } from './roles-context';

export const DISCORD_SUBJECTS = [
  'discord.*.guild.synced',
  'discord.*.role.upserted',
  'discord.*.role.deleted',
  'discord.*.channel.upserted',
  'discord.*.channel.deleted',
  'discord.*.member.joined',
  'discord.*.member.updated',
  'discord.*.member.left',
  'discord.*.interaction.command.roles',
  'discord.*.interaction.component.roles',
];

const ROLES_COMMAND = { name: 'roles', description: 'Choose your self-assignable roles' };

/** Applies a batch from DISCORD in the consumer's transaction. */
export function discordHandler(ctx: RolesContext): (batch: AnyEnvelope[], tx: Tx) => Promise<void> {
  return async (batch, tx) => {
    await lockMembers(
      tx,
      ctx.schema,
      batch.flatMap((e) => ('userId' in e.data ? [memberKey(e.guildId, e.data.userId)] : [])),
    );
    const guilds = new Map<string, GuildState>();
    const guild = async (guildId: string): Promise<GuildState> => {
      let g = guilds.get(guildId);
      if (!g) guilds.set(guildId, (g = await loadGuild(tx, ctx.schema, guildId)));
      return g;
    };
    for (const env of batch) {
      if (await applyGuildEvent(ctx, tx, env)) {
        guilds.delete(env.guildId);
        continue;
      }
      const g = await guild(env.guildId);
      switch (env.type) {
        case DiscordEventType.MemberJoined:
        case DiscordEventType.MemberUpdated: {
          const { userId, roleIds } = env.data;
          await observeMemberRoles(ctx, tx, g, {
            guildId: env.guildId,
            userId,
            roleIds,
            occurredAt: env.occurredAt,
            causeId: env.id,
          });
          if (userId === g.botUserId) guilds.delete(env.guildId);
          break;
        }
        case DiscordEventType.MemberLeft:
          await memberLeft(ctx, tx, env);
          break;
        case DiscordEventType.InteractionCommand:
          if (env.data.commandName === ROLES_COMMAND.name) await handleRolesCommand(ctx, tx, g, env);
          break;
        case DiscordEventType.InteractionComponent:
          await handleRolePick(ctx, tx, g, env);
          break;
        default:
          break;
      }
    }
  };
}

/** guild.synced, role.*, channel.*: the guild's directory. True when `env` was one of them. */
async function applyGuildEvent(ctx: RolesContext, tx: Tx, env: AnyEnvelope): Promise<boolean> {
  const { guildId, occurredAt } = env;
  switch (env.type) {
    case DiscordEventType.GuildSynced: {
      const d = env.data;
      const roles = d.roles.map(directoryRole);
      await recordFacts(tx, ctx.schema, [
        fact('guild.roles_synced', derivedId(env.id, 'synced'), guildId, occurredAt, {
          botUserId: d.botUserId,
          botRoleIds: d.botRoleIds,
          roles,
          ...(d.channels ? { channels: d.channels.map(directoryChannel) } : {}),
        }),
      ]);
      // Each (re)sync re-registers /roles: the guild may have lost it, and registering is idempotent.
      await ctx.outbox.add(tx, [
        {
          subject: actionSubject(guildId, ActionType.CommandsRegister),
          envelope: event(ActionType.CommandsRegister, {
            id: derivedId(env.id, 'commands'),
            guildId,
            occurredAt,
            source: SOURCE,
            causationId: env.id,
            data: { owner: SOURCE, commands: [ROLES_COMMAND] },
          }),
        },
      ]);
      return true;
    }
    case DiscordEventType.RoleUpserted: {
      const role = directoryRole(env.data.role);
      await recordFacts(tx, ctx.schema, [
        fact('guild.role_upserted', derivedId(env.id, 'role'), guildId, occurredAt, { role }),
      ]);
      return true;
    }
    case DiscordEventType.RoleDeleted:
      await recordFacts(tx, ctx.schema, [
        fact('guild.role_deleted', derivedId(env.id, 'role'), guildId, occurredAt, {
          roleId: env.data.roleId,
        }),
      ]);
      return true;
    case DiscordEventType.ChannelUpserted:
      await recordFacts(tx, ctx.schema, [
        fact('guild.channel_upserted', derivedId(env.id, 'channel'), guildId, occurredAt, {
          channel: directoryChannel(env.data.channel),
        }),
      ]);
      return true;
    case DiscordEventType.ChannelDeleted:
      await recordFacts(tx, ctx.schema, [
        fact('guild.channel_deleted', derivedId(env.id, 'channel'), guildId, occurredAt, {
          channelId: env.data.channelId,
        }),
      ]);
      return true;
    default:
      return false;
  }
}

/** Plain objects for the fact log: the validated envelope data are class instances. */
const directoryRole = (r: RoleInfo) => ({
  id: r.id,
  name: r.name,
  color: r.color,
  position: r.position,
  permissions: r.permissions,
  managed: r.managed,
});
const directoryChannel = (c: ChannelInfo) => ({
  id: c.id,
  name: c.name,
  type: c.type,
  position: c.position,
  ...(c.parentId ? { parentId: c.parentId } : {}),
});

/** A member who left has no roles to sync: their actions in flight no longer count. */
async function memberLeft(ctx: RolesContext, tx: Tx, env: EnvelopeOf<'member.left'>): Promise<void> {
  const { rows } = await tx.query(
    `SELECT op_id, request_id FROM ${ctx.schema}.role_ops WHERE guild_id = $1 AND user_id = $2 AND status IN ('pending', 'retrying')`,
    [env.guildId, env.data.userId],
  );
  await recordFacts(tx, ctx.schema, [
    ...rows.map((r) =>
      fact('op.superseded', derivedId(r.op_id, 'superseded'), env.guildId, env.occurredAt, { opId: r.op_id }),
    ),
    fact('member.left', derivedId(env.id, 'left'), env.guildId, env.occurredAt, { userId: env.data.userId }),
  ]);
  await announceCompletions(
    ctx,
    tx,
    rows.map((r) => r.request_id),
    env.occurredAt,
  );
}
