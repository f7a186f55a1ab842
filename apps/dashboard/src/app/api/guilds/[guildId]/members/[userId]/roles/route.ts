import { json, jsonError, readJson } from '@/lib/api-response';
import { forMember } from '@/lib/member-route';
import { snowflakeList } from '@/lib/route-params';
import { getMemberRoles, requestRoles } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string; userId: string }> };

/** The member's roles and their recent requests with status (pending / applied / failed / refused). */
export async function GET(_req: Request, { params }: Ctx) {
  const { guildId, userId } = await params;
  return forMember(guildId, userId, async ({ caller }) =>
    json(await getMemberRoles(guildId, userId, caller)),
  );
}

/** Ask for roles: `{ add: [roleId], remove: [roleId] }`: 202 pending/applied, 409 refused with each reason. */
export async function POST(req: Request, { params }: Ctx) {
  const { guildId, userId } = await params;
  return forMember(guildId, userId, async ({ caller }) => {
    // Self-service only: a moderator does not pick roles on a member's behalf (the roles service agrees).
    if (caller.userId !== userId) return jsonError(403, 'Only the member can request roles for themselves.');
    const body = await readJson(req);
    const change = { add: snowflakeList(body.add, 'add'), remove: snowflakeList(body.remove, 'remove') };
    if (change.add.length + change.remove.length === 0)
      return jsonError(400, 'add or remove must name at least one role');
    const outcome = await requestRoles(guildId, userId, caller, change);
    return json(outcome, outcome.status === 'refused' ? 409 : 202);
  });
}
