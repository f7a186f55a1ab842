import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/components/leaderboard/pager';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requirePageAccess } from '@/lib/access';
import { memberName } from '@/lib/member-name';
import { PAGE_SIZES, parseMembersQuery } from '@/lib/members-query';
import { loadMembersTable } from '@/lib/members-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ guildId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ guildId }, raw] = await Promise.all([params, searchParams]);
  const { caller, session } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod/members`);
  const query = parseMembersQuery(raw);
  const table = await loadMembersTable(guildId, caller!, query).catch((e: Error) => e);
  const nextDir = query.dir === 'desc' ? 'asc' : 'desc';
  const sortHref = `/${guildId}/mod/members?${new URLSearchParams({ dir: nextDir, size: String(query.size) })}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>
          Every member with XP, paged on the server. Search by name, or by member id to jump to their page.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search" method="get">
          <div className="flex-1 space-y-1.5">
            <Label htmlFor="member-search">Name or member id</Label>
            <Input
              id="member-search"
              name="q"
              maxLength={32}
              placeholder="e.g. mia or 80351110224678912"
              defaultValue={query.q}
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="member-size">Per page</Label>
            <Select id="member-size" name="size" defaultValue={String(query.size)}>
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </div>
          <input type="hidden" name="dir" value={query.dir} />
          <Button type="submit">Search</Button>
        </form>

        {table instanceof Error ? (
          <Alert tone="error" title="Members are unavailable">
            {table.message}
          </Alert>
        ) : (
          <>
            {table.found && (
              <Alert tone={table.found.position ? 'success' : 'info'}>
                {table.found.position
                  ? `Member ${table.found.userId} is #${table.found.position.toLocaleString('en')}; showing their page.`
                  : `Member ${table.found.userId} has no XP yet.`}
              </Alert>
            )}
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {table.search !== undefined
                ? `${table.rows.length === 25 ? 'The first 25' : table.rows.length} ${table.rows.length === 1 ? 'member' : 'members'} named like “${table.search}”`
                : `${table.total.toLocaleString('en')} ${table.total === 1 ? 'member' : 'members'} · page ${table.page} of ${table.pages}`}
            </p>
            {table.search !== undefined && table.rows.length === 0 ? (
              <Alert title="No match">No member with XP has a name containing “{table.search}”.</Alert>
            ) : table.rows.length === 0 ? (
              <Alert title="No members yet">Members appear here once they earn XP.</Alert>
            ) : (
              <Table data-testid="members-table">
                <caption className="sr-only">
                  Members sorted by XP, {query.dir === 'desc' ? 'highest' : 'lowest'} first
                </caption>
                <THead>
                  <tr>
                    <TH scope="col">#</TH>
                    <TH scope="col">Member</TH>
                    <TH scope="col" className="text-right">
                      Level
                    </TH>
                    <TH
                      scope="col"
                      className="text-right"
                      aria-sort={query.dir === 'desc' ? 'descending' : 'ascending'}
                    >
                      <Link href={sortHref} className="inline-flex items-center gap-1 hover:underline">
                        XP <span aria-hidden="true">{query.dir === 'desc' ? '↓' : '↑'}</span>
                        <span className="sr-only">
                          , sort {nextDir === 'asc' ? 'lowest' : 'highest'} first
                        </span>
                      </Link>
                    </TH>
                    <TH scope="col" className="hidden text-right sm:table-cell">
                      Messages
                    </TH>
                    <TH scope="col" className="hidden md:table-cell">
                      Rank
                    </TH>
                  </tr>
                </THead>
                <TBody>
                  {table.rows.map((m) => (
                    <TR
                      key={m.userId}
                      className={m.userId === table.found?.userId ? 'bg-primary/15' : undefined}
                    >
                      <TD className="tabular-nums">{m.position ?? '—'}</TD>
                      <TD>
                        <Link href={`/${guildId}/${m.userId}`} className="font-medium hover:underline">
                          {memberName(m.userId, session, m.username)}
                        </Link>
                        <span className="block text-xs text-muted-foreground">{m.userId}</span>
                      </TD>
                      <TD className="text-right tabular-nums">{m.level}</TD>
                      <TD className="text-right tabular-nums">{m.xp.toLocaleString('en')}</TD>
                      <TD className="hidden text-right tabular-nums sm:table-cell">
                        {m.messages.toLocaleString('en')}
                      </TD>
                      <TD className="hidden md:table-cell">
                        <Badge>{m.rank.name}</Badge>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
            {table.search === undefined && (
              <Pager
                basePath={`/${guildId}/mod/members`}
                page={table.page}
                pages={table.pages}
                params={{ dir: query.dir, size: String(query.size) }}
              />
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
