/**
 * The moderators' members table pages through the xp leaderboard, which is served in XP order
 * from an index (guild_id, xp DESC, …). Ascending order reads the same index from the other end:
 * page p of the ascending list is a slice counted back from the total, reversed.
 */
export type SortDir = 'desc' | 'asc';

export interface MembersQuery {
  q: string;
  dir: SortDir;
  page: number;
  size: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;
/** The xp service caps offsets; 1,000,000 rows is ten times the largest guild we plan for. */
export const MAX_OFFSET = 1_000_000;

export function parseMembersQuery(
  params: URLSearchParams | Record<string, string | undefined>,
): MembersQuery {
  const get = (k: string) => (params instanceof URLSearchParams ? (params.get(k) ?? undefined) : params[k]);
  const size = Number(get('size'));
  const page = Number.parseInt(get('page') ?? '1', 10);
  return {
    q: (get('q') ?? '').trim().slice(0, 32),
    dir: get('dir') === 'asc' ? 'asc' : 'desc',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_OFFSET) : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
  };
}

/** The leaderboard slice (in XP-descending order) that holds the requested page. */
export function leaderboardSlice(
  query: Pick<MembersQuery, 'dir' | 'page' | 'size'>,
  total: number,
): { offset: number; limit: number; reverse: boolean } {
  const start = (query.page - 1) * query.size;
  if (query.dir === 'desc') return { offset: Math.min(start, MAX_OFFSET), limit: query.size, reverse: false };
  const end = total - start; // exclusive, in descending positions
  const offset = Math.max(0, end - query.size);
  return { offset: Math.min(offset, MAX_OFFSET), limit: Math.max(0, end - offset), reverse: true };
}

/** The page on which a member at `position` (1-based, descending) appears. */
export function pageOf(position: number, total: number, dir: SortDir, size: number): number {
  const index = dir === 'desc' ? position - 1 : total - position;
  return Math.floor(Math.max(0, index) / size) + 1;
}
