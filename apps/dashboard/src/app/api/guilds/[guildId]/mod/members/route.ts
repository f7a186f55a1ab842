import type { NextRequest } from 'next/server';
import { guarded, json } from '@/lib/api-response';
import { parseMembersQuery } from '@/lib/members-query';
import { loadMembersTable } from '@/lib/members-table';

export const dynamic = 'force-dynamic';

/** Moderators: one page of members, `?q=<memberId>&dir=desc|asc&page=&size=25|50|100`. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  return guarded(guildId, 'moderator', async ({ caller }) =>
    json(await loadMembersTable(guildId, caller!, parseMembersQuery(req.nextUrl.searchParams))),
  );
}
