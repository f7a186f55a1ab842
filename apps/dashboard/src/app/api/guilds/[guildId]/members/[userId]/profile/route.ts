import { guarded, json, jsonError } from '@/lib/api-response';
import { getMemberXp } from '@/lib/clients/xp';
import { isSnowflake } from '@/lib/snowflake';

export const dynamic = 'force-dynamic';

/** Public, like the shareable profile page: level, XP, position, messages. */
export async function GET(
  _req: Request,
  { params }: { params: Promise<{ guildId: string; userId: string }> },
) {
  const { guildId, userId } = await params;
  return guarded(guildId, 'public', async () => {
    if (!isSnowflake(userId)) return jsonError(400, 'userId must be a Discord id');
    return json(await getMemberXp(guildId, userId));
  });
}
