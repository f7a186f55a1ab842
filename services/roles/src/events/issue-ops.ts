import { attemptId, derivedId, RolesEventType, type RoleRequestOrigin } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { fact, RolesFact } from '../domain/facts';
import type { GuildRoleModel } from '../domain/guild-roles';
import { unsafeRoleReason } from '../domain/role-safety';
import type { PlannedOp } from '../domain/sync-plan';
import { recordFacts } from '../projections/project-fact';
import type { MemberState } from '../projections/members.projection';
import { roleAction, RolesContext, rolesEvent } from './roles-context';

export interface IssuedOp {
  opId: string;
  roleId: string;
  kind: 'add' | 'remove';
}

/** Attempt `n` of an operation; the action envelope id the gateway's result will name. */
export const actionIdOf = (opId: string, attempt: number): string => attemptId(opId, attempt);

/**
 * Records and sends the role actions of a request. An operation in flight for the same role is
 * superseded: its late result no longer counts, the new one decides. Every grant is checked
 * against the guild's roles as they are now, whatever path decided it (a request, a reward,
 * enforcement): a role that is no longer safe is refused with the reason and never sent.
 */
export async function issueOps(
  ctx: RolesContext,
  tx: Tx,
  guild: { id: string; model: GuildRoleModel },
  member: MemberState,
  request: { requestId: string; origin: RoleRequestOrigin },
  planned: readonly PlannedOp[],
  occurredAt: string,
): Promise<IssuedOp[]> {
  const guildId = guild.id;
  const facts: RolesFact[] = [];
  const issued: IssuedOp[] = [];
  const touched = new Set<string>();
  for (const op of planned) {
    const unsafe = op.kind === 'add' ? unsafeRoleReason(guild.model, op.roleId) : undefined;
    if (unsafe) {
      const opId = `${request.requestId}:${op.roleId}:${op.kind}`;
      facts.push(
        fact('op.refused', derivedId(opId, 'refused'), guildId, occurredAt, {
          opId,
          requestId: request.requestId,
          userId: member.userId,
          roleId: op.roleId,
          kind: op.kind,
          reason: unsafe,
        }),
      );
      continue;
    }
    const flying = member.inFlight.get(op.roleId);
    if (flying) {
      facts.push(
        fact('op.superseded', derivedId(flying.opId, 'superseded'), guildId, occurredAt, {
          opId: flying.opId,
        }),
      );
      touched.add(flying.opId);
    }
    const opId = `${request.requestId}:${op.roleId}:${op.kind}`;
    const actionId = actionIdOf(opId, 1);
    facts.push(
      fact('op.issued', derivedId(opId, 'issued:1'), guildId, occurredAt, {
        opId,
        requestId: request.requestId,
        userId: member.userId,
        roleId: op.roleId,
        kind: op.kind,
        attempt: 1,
        actionId,
      }),
    );
    issued.push({ opId, roleId: op.roleId, kind: op.kind });
  }
  await recordFacts(tx, ctx.schema, facts);
  await ctx.outbox.add(
    tx,
    issued.map((op) =>
      roleAction(
        guildId,
        actionIdOf(op.opId, 1),
        op.kind,
        member.userId,
        op.roleId,
        `Guildhall roles: ${request.origin} request ${request.requestId}`,
        occurredAt,
        request.origin,
      ),
    ),
  );
  await announceCompletions(ctx, tx, await requestsOfOps(tx, ctx.schema, [...touched]), occurredAt);
  return issued;
}

async function requestsOfOps(tx: Tx, s: string, opIds: string[]): Promise<string[]> {
  if (opIds.length === 0) return [];
  const { rows } = await tx.query(`SELECT DISTINCT request_id FROM ${s}.role_ops WHERE op_id = ANY($1)`, [
    opIds,
  ]);
  return rows.map((r) => r.request_id);
}

/**
 * Publishes roles.request_applied / request_failed for requests that just finished. Called only
 * after an operation left the in-flight states, so a finished request is announced once (and
 * the deterministic id lets the stream drop a replayed announcement).
 */
export async function announceCompletions(
  ctx: RolesContext,
  tx: Tx,
  requestIds: readonly string[],
  occurredAt: string,
): Promise<void> {
  if (requestIds.length === 0) return;
  const { rows } = await tx.query(
    `SELECT request_id, guild_id, user_id, origin, status, problems FROM ${ctx.schema}.role_requests WHERE request_id = ANY($1)`,
    [[...new Set(requestIds)]],
  );
  const out = rows
    .filter((r) => r.status === 'applied' || r.status === 'failed')
    .map((r) => {
      const base = { requestId: r.request_id, userId: r.user_id, origin: r.origin };
      return r.status === 'applied'
        ? rolesEvent(
            RolesEventType.RequestApplied,
            derivedId(r.request_id, 'applied'),
            r.guild_id,
            occurredAt,
            base,
          )
        : rolesEvent(
            RolesEventType.RequestFailed,
            derivedId(r.request_id, 'failed'),
            r.guild_id,
            occurredAt,
            {
              ...base,
              failures: r.problems,
            },
          );
    });
  await ctx.outbox.add(tx, out);
}
