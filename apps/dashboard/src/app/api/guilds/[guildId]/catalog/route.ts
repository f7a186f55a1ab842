import { guarded, json } from '@/lib/api-response';
import { getCatalog } from '@/lib/clients/roles';

export const dynamic = 'force-dynamic';

/** The self-assignable roles of the guild, by category. */
export async function GET(_req: Request, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  return guarded(guildId, 'member', async ({ caller }) => json(await getCatalog(guildId, caller!)));
}
