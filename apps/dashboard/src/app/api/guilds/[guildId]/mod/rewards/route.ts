import { BadRequest, guarded, json, readJson } from '@/lib/api-response';
import { getRewards, putRewards, type RewardTable } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string }> };

/** Moderators: roles handed out at levels. */
export async function GET(_req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => json(await getRewards(guildId, caller!)));
}

/** `{ mode: 'stack' | 'highest', rewards: [{ level, roleIds }] }`; re-applied to every member in the background. */
export async function PUT(req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    const body = await readJson(req);
    if (!Array.isArray(body.rewards)) throw new BadRequest('rewards must be a list of { level, roleIds }');
    return json(await putRewards(guildId, caller!, body as unknown as RewardTable), 202);
  });
}
