import { BadRequest, guarded, json } from '@/lib/api-response';
import { getHistory, isHistorySetting } from '@/lib/clients/history';
import { namedHistory } from '@/lib/history-names';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string; setting: string }> };

/** Moderators: versions of one setting, newest first (`?limit=&before=`), with names for the ids we know. */
export async function GET(req: Request, { params }: Ctx) {
  const { guildId, setting } = await params;
  return guarded(guildId, 'moderator', async ({ caller, session }) => {
    if (!isHistorySetting(setting)) throw new BadRequest(`unknown setting "${setting}"`);
    const q = new URL(req.url).searchParams;
    const page = await getHistory(guildId, setting, caller!, {
      limit: q.get('limit') ?? undefined,
      before: q.get('before') ?? undefined,
    });
    return json(await namedHistory(guildId, page, session));
  });
}
