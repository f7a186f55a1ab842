import { json } from '@/lib/api-response';
import { forMember } from '@/lib/member-route';
import { getProgress } from '@/lib/clients/onboarding';

export const dynamic = 'force-dynamic';

/** Rules agreement, passed quizzes and points of one member (themselves, or anyone for a moderator). */
export async function GET(
  _req: Request,
  { params }: { params: Promise<{ guildId: string; userId: string }> },
) {
  const { guildId, userId } = await params;
  return forMember(guildId, userId, async ({ caller }) =>
    json((await getProgress(guildId, userId, caller)) ?? null),
  );
}
