import { leaderboardSlice, pageOf, type MembersQuery } from './members-query';
import type { Caller } from './clients/service-fetch';
import { getLeaderboard, getMemberXp, searchMembers, type MemberXp } from './clients/xp';
import { isSnowflake } from './snowflake';

export interface MembersTable {
  total: number;
  page: number;
  pages: number;
  rows: MemberXp[];
  /** Set when `q` named a member: where they are, or that they have no XP yet. */
  found?: { userId: string; position: number | null };
  /** Set when `q` is part of a name: `rows` are the matches (at most 25), not a page. */
  search?: string;
}

/**
 * One page of members for moderators. Server-side and index-backed: each page is one
 * leaderboard slice, so the cost does not grow with the guild (100,000 members or more).
 * `q` is a member id (the table jumps to the page holding them) or part of a name (the matches).
 */
export async function loadMembersTable(
  guildId: string,
  caller: Caller,
  query: MembersQuery,
): Promise<MembersTable> {
  // The total and the search or the member looked up do not depend on each other: asked together.
  const name = query.q && !isSnowflake(query.q) ? query.q : undefined;
  const id = query.q && isSnowflake(query.q) ? query.q : undefined;
  const [head, matches, member] = await Promise.all([
    getLeaderboard(guildId, 1, 0, caller),
    name === undefined ? undefined : searchMembers(guildId, name, caller),
    id === undefined ? undefined : getMemberXp(guildId, id, caller),
  ]);
  const total = head.total;
  if (name !== undefined) return { total, page: 1, pages: 1, rows: matches ?? [], search: name };
  let page = query.page;
  let found: MembersTable['found'];
  if (id !== undefined) {
    found = { userId: id, position: member?.position ?? null };
    if (member?.position) page = pageOf(member.position, total, query.dir, query.size);
  }
  const pages = Math.max(1, Math.ceil(total / query.size));
  page = Math.min(page, pages);
  const slice = leaderboardSlice({ ...query, page }, total);
  const rows =
    slice.limit > 0 ? (await getLeaderboard(guildId, slice.limit, slice.offset, caller)).entries : [];
  return { total, page, pages, rows: slice.reverse ? rows.reverse() : rows, found };
}
