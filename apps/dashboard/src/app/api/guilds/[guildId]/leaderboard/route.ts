import type { NextRequest } from 'next/server';
import { guarded, json } from '@/lib/api-response';
import { getLeaderboard } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';

/** Public: `?limit=1..100&offset=`; past the top PUBLIC_LEADERBOARD_DEPTH for members of the guild only. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const q = req.nextUrl.searchParams;
  const limit = Math.min(100, Math.max(1, Number.parseInt(q.get('limit') ?? '25', 10) || 25));
  const offset = Math.min(1_000_000, Math.max(0, Number.parseInt(q.get('offset') ?? '0', 10) || 0));
  return guarded(guildId, 'public', async ({ caller }) =>
    json(await getLeaderboard(guildId, limit, offset, caller)),
  );
}
