import { guarded, json, readJson } from '@/lib/api-response';
import { getPolicy, putPolicy } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string }> };

/** Moderators: the guild's XP policy (amount, cooldown, curve, multipliers, level-up message). */
export async function GET(_req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => json(await getPolicy(guildId, caller!)));
}

/** Replaces the policy; services/xp validates it (a 400 names the field) and records a new version. */
export async function PUT(req: Request, { params }: Ctx) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) =>
    json(await putPolicy(guildId, caller!, await readJson(req))),
  );
}
