import type { Tx } from '@guildhall/eventing';
import type { RolesFact } from '../domain/facts';
import type { DesiredChange } from '../domain/member';
import type { DesiredRole, OpKind } from '../domain/sync-plan';

/** Per member: Discord's last word on their roles, their level, rules agreement, and the roles we want them to have. */
export async function projectMembers(tx: Tx, s: string, f: RolesFact): Promise<void> {
  const g = f.guildId;
  switch (f.type) {
    case 'member.roles_observed':
      await tx.query(
        `INSERT INTO ${s}.members (guild_id, user_id, roles, roles_observed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET roles = $3, roles_observed_at = $4
         WHERE members.roles_observed_at IS NULL OR members.roles_observed_at <= $4`,
        [g, f.data.userId, f.data.roleIds, f.occurredAt],
      );
      return;
    case 'member.left':
      await tx.query(`DELETE FROM ${s}.desired_roles WHERE guild_id = $1 AND user_id = $2`, [
        g,
        f.data.userId,
      ]);
      await tx.query(
        `UPDATE ${s}.members SET roles = NULL, roles_observed_at = $3 WHERE guild_id = $1 AND user_id = $2`,
        [g, f.data.userId, f.occurredAt],
      );
      return;
    case 'member.level_reached':
      await tx.query(
        `INSERT INTO ${s}.members (guild_id, user_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET level = $3`,
        [g, f.data.userId, f.data.level],
      );
      return;
    case 'member.rules_agreed':
      await tx.query(
        `INSERT INTO ${s}.members (guild_id, user_id, rules_version) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id, user_id) DO UPDATE SET rules_version = GREATEST(members.rules_version, $3)`,
        [g, f.data.userId, f.data.rulesVersion],
      );
      return;
    case 'request.accepted':
      await setDesired(tx, s, g, f.data.userId, f.data.changes, f.data.origin, f.occurredAt);
      return;
    case 'desired.reflected':
      await setDesired(tx, s, g, f.data.userId, f.data.changes, 'discord', f.occurredAt);
      return;
    case 'op.applied': {
      // Confirms the desired state as of Discord's answer; older observations cannot undo it.
      await tx.query(
        `UPDATE ${s}.desired_roles d SET changed_at = GREATEST(d.changed_at, $2)
         FROM ${s}.role_ops o WHERE o.op_id = $1 AND d.guild_id = o.guild_id AND d.user_id = o.user_id AND d.role_id = o.role_id`,
        [f.data.opId, f.occurredAt],
      );
      return;
    }
    case 'op.refused':
      // Never sent, so there is no op row to join: the wish is dropped by its role.
      await tx.query(
        `UPDATE ${s}.desired_roles SET want = $5, changed_at = $4 WHERE guild_id = $1 AND user_id = $2 AND role_id = $3`,
        [g, f.data.userId, f.data.roleId, f.occurredAt, f.data.kind === 'remove'],
      );
      return;
    case 'op.failed':
      // The change did not happen: stop wanting it, or the member's roles would show a wish forever.
      await tx.query(
        `UPDATE ${s}.desired_roles d SET want = (o.kind = 'remove'), changed_at = $2
         FROM ${s}.role_ops o WHERE o.op_id = $1 AND d.guild_id = o.guild_id AND d.user_id = o.user_id AND d.role_id = o.role_id`,
        [f.data.opId, f.occurredAt],
      );
      return;
    default:
      return;
  }
}

async function setDesired(
  tx: Tx,
  s: string,
  g: string,
  userId: string,
  changes: DesiredChange[],
  source: string,
  at: string,
): Promise<void> {
  for (const c of changes)
    await tx.query(
      `INSERT INTO ${s}.desired_roles (guild_id, user_id, role_id, want, source, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (guild_id, user_id, role_id) DO UPDATE SET want = $4, source = $5, changed_at = $6`,
      [g, userId, c.roleId, c.want, source, at],
    );
}

export interface MemberState {
  userId: string;
  level: number;
  rulesVersion: number | null;
  /**
   * Undefined until Discord told us the member's roles: its last report, with the changes it
   * confirmed since (its GUILD_MEMBER_UPDATE for them may still be on the way).
   */
  actual: Set<string> | undefined;
  desired: DesiredRole[];
  inFlight: Map<string, { opId: string; kind: OpKind }>;
}

export async function loadMember(tx: Tx, s: string, guildId: string, userId: string): Promise<MemberState> {
  const member = await tx.query(
    `SELECT level, rules_version, roles, roles_observed_at FROM ${s}.members WHERE guild_id = $1 AND user_id = $2`,
    [guildId, userId],
  );
  const m = member.rows[0];
  const confirmed = m?.roles
    ? await tx.query(
        `SELECT DISTINCT ON (role_id) role_id, kind FROM ${s}.role_ops
         WHERE guild_id = $1 AND user_id = $2 AND status = 'applied' AND updated_at > $3
         ORDER BY role_id, updated_at DESC`,
        [guildId, userId, m.roles_observed_at],
      )
    : undefined;
  const desired = await tx.query(
    `SELECT role_id, want, changed_at FROM ${s}.desired_roles WHERE guild_id = $1 AND user_id = $2`,
    [guildId, userId],
  );
  const ops = await tx.query(
    `SELECT op_id, role_id, kind FROM ${s}.role_ops WHERE guild_id = $1 AND user_id = $2 AND status IN ('pending', 'retrying')`,
    [guildId, userId],
  );
  return {
    userId,
    level: m?.level ?? 0,
    rulesVersion: m?.rules_version ?? null,
    actual: m?.roles ? withConfirmed(m.roles, confirmed!.rows) : undefined,
    desired: desired.rows.map((d) => ({
      roleId: d.role_id,
      want: d.want,
      changedAt: new Date(d.changed_at).toISOString(),
    })),
    inFlight: new Map(ops.rows.map((o) => [o.role_id, { opId: o.op_id, kind: o.kind }])),
  };
}

function withConfirmed(observed: string[], confirmed: { role_id: string; kind: OpKind }[]): Set<string> {
  const roles = new Set(observed);
  for (const c of confirmed) {
    if (c.kind === 'add') roles.add(c.role_id);
    else roles.delete(c.role_id);
  }
  return roles;
}

/** The member's roles as they will be once what we want has landed. */
export function expectedRoles(member: MemberState): Set<string> {
  const roles = new Set(member.actual ?? []);
  for (const d of member.desired) {
    if (d.want) roles.add(d.roleId);
    else roles.delete(d.roleId);
  }
  return roles;
}
