import { BadRequest, guarded, json } from '@/lib/api-response';
import { isHistorySetting, restoreVersion } from '@/lib/clients/history';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ guildId: string; setting: string; version: string }> };

/** Moderators: makes an earlier version the newest one (the service validates and applies it like a save). */
export async function POST(_req: Request, { params }: Ctx) {
  const { guildId, setting, version } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => {
    if (!isHistorySetting(setting)) throw new BadRequest(`unknown setting "${setting}"`);
    if (!/^\d{1,9}$/.test(version)) throw new BadRequest('version must be a whole number');
    return json(await restoreVersion(guildId, setting, version, caller!), 201);
  });
}
