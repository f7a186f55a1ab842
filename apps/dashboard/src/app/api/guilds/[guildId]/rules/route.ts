import { guarded, json } from '@/lib/api-response';
import { getRules } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';

/** Members: the rules with their lessons and quiz questions (never the answers). */
export async function GET(_req: Request, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  return guarded(guildId, 'member', async ({ caller }) => json(await getRules(guildId, caller!)));
}
