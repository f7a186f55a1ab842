import { RolesEventType, type RoleRequestOrigin, derivedId } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { decideRequest } from '../domain/decide-request';
import { fact } from '../domain/facts';
import type { GuildRoleModel } from '../domain/guild-roles';
import type { DesiredChange, RoleProblem } from '../domain/member';
import { planOps } from '../domain/sync-plan';
import { loadCatalog } from '../projections/catalog.projection';
import { loadGuild } from '../projections/guilds.projection';
import { expectedRoles, loadMember, MemberState } from '../projections/members.projection';
import { recordFacts } from '../projections/project-fact';
import { announceCompletions, IssuedOp, issueOps } from './issue-ops';
import { lockMembers, memberKey, RolesContext, rolesEvent } from './roles-context';

export interface RequestInput {
  guildId: string;
  userId: string;
  requestId: string;
  origin: RoleRequestOrigin;
  add: string[];
  remove: string[];
  occurredAt: string;
}

export type RequestOutcome =
  | { status: 'refused'; requestId: string; refusals: RoleProblem[] }
  | { status: 'accepted'; requestId: string; operations: IssuedOp[] };

/** A member's own request (web or /roles): checked, recorded as facts, and turned into role actions. */
export async function submitRequest(ctx: RolesContext, tx: Tx, input: RequestInput): Promise<RequestOutcome> {
  const s = ctx.schema;
  await lockMembers(tx, s, [memberKey(input.guildId, input.userId)]);
  const previous = await previousOutcome(tx, s, input.requestId);
  if (previous) return previous;

  const guild = await loadGuild(tx, s, input.guildId);
  const catalog = await loadCatalog(tx, s, input.guildId);
  const member = await loadMember(tx, s, input.guildId, input.userId);
  const view = {
    userId: input.userId,
    level: member.level,
    rulesAgreed: member.rulesVersion !== null && member.rulesVersion >= guild.rulesVersionRequired,
    roles: expectedRoles(member),
  };
  const decision = decideRequest(guild.model, catalog, view, input);
  const base = {
    requestId: input.requestId,
    userId: input.userId,
    origin: input.origin,
    add: input.add,
    remove: input.remove,
  };
  if (decision.kind === 'refused') {
    await recordFacts(tx, s, [
      fact('request.refused', derivedId(input.requestId, 'refused'), input.guildId, input.occurredAt, {
        ...base,
        refusals: decision.refusals,
      }),
    ]);
    await ctx.outbox.add(tx, [
      rolesEvent(
        RolesEventType.RequestRefused,
        derivedId(input.requestId, 'refused'),
        input.guildId,
        input.occurredAt,
        {
          requestId: input.requestId,
          userId: input.userId,
          origin: input.origin,
          refusals: decision.refusals,
        },
      ),
    ]);
    return { status: 'refused', requestId: input.requestId, refusals: decision.refusals };
  }
  const operations = await applyChanges(ctx, tx, input, guild.model, member, decision.changes);
  return { status: 'accepted', requestId: input.requestId, operations };
}

/**
 * Records an accepted change of desired roles (a member's request, a level reward, enforcement)
 * and issues the actions that make Discord agree.
 */
export async function applyChanges(
  ctx: RolesContext,
  tx: Tx,
  input: RequestInput,
  model: GuildRoleModel,
  member: MemberState,
  changes: DesiredChange[],
): Promise<IssuedOp[]> {
  const { guildId, requestId, origin, occurredAt } = input;
  await recordFacts(tx, ctx.schema, [
    fact('request.accepted', derivedId(requestId, 'accepted'), guildId, occurredAt, {
      requestId,
      userId: input.userId,
      origin,
      add: input.add,
      remove: input.remove,
      changes,
    }),
  ]);
  const inFlight = new Map([...member.inFlight].map(([roleId, op]) => [roleId, op.kind]));
  const planned = planOps(changes, { actual: member.actual, inFlight });
  const operations = await issueOps(
    ctx,
    tx,
    { id: guildId, model },
    member,
    { requestId, origin },
    planned,
    occurredAt,
  );
  await ctx.outbox.add(tx, [
    rolesEvent(RolesEventType.RequestAccepted, derivedId(requestId, 'accepted'), guildId, occurredAt, {
      requestId,
      userId: input.userId,
      origin,
      operations,
    }),
  ]);
  if (operations.length === 0) await announceCompletions(ctx, tx, [requestId], occurredAt);
  return operations;
}

/** The same request id twice (a retried POST, a redelivered interaction) gets the first answer. */
async function previousOutcome(tx: Tx, s: string, requestId: string): Promise<RequestOutcome | undefined> {
  const { rows } = await tx.query(`SELECT status, problems FROM ${s}.role_requests WHERE request_id = $1`, [
    requestId,
  ]);
  if (!rows[0]) return undefined;
  if (rows[0].status === 'refused') return { status: 'refused', requestId, refusals: rows[0].problems };
  const ops = await tx.query(
    `SELECT op_id, role_id, kind FROM ${s}.role_ops WHERE request_id = $1 ORDER BY op_id`,
    [requestId],
  );
  return {
    status: 'accepted',
    requestId,
    operations: ops.rows.map((o) => ({ opId: o.op_id, roleId: o.role_id, kind: o.kind })),
  };
}
