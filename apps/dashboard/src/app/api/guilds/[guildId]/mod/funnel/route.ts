import { guarded, json } from '@/lib/api-response';
import { getFunnel } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';

/** Moderators: joined → agreed → quiz completed. */
export async function GET(_req: Request, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) => json(await getFunnel(guildId, caller!)));
}
