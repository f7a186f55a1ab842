import type { Metadata } from 'next';
import Link from 'next/link';
import { BarChart } from '@/components/charts/bar-chart';
import { Pager } from '@/components/leaderboard/pager';
import { LiveRefresh } from '@/components/live/live-refresh';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { requirePageAccess } from '@/lib/access';
import { memberName } from '@/lib/member-name';
import { getLeaderboard } from '@/lib/clients/xp';
import { PUBLIC_LEADERBOARD_DEPTH } from '@guildhall/contracts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Leaderboard' };

const PAGE_SIZE = 25;

/** Public, like /leaderboard in Discord. */
export default async function LeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ guildId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const [{ guildId }, query] = await Promise.all([params, searchParams]);
  const { session, caller } = await requirePageAccess(guildId, 'public', `/${guildId}/leaderboard`);
  // Outside the guild the board ends at the public depth (the xp service refuses deeper pages).
  const reachable = caller ? 40_000 : PUBLIC_LEADERBOARD_DEPTH / PAGE_SIZE;
  const page = Math.max(1, Math.min(reachable, Number.parseInt(query.page ?? '1', 10) || 1));
  const board = await getLeaderboard(guildId, PAGE_SIZE, (page - 1) * PAGE_SIZE, caller);
  const allPages = Math.ceil(board.total / PAGE_SIZE);
  const pages = Math.min(allPages, reachable);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Leaderboard</CardTitle>
          <p className="text-sm text-muted-foreground">
            {board.total.toLocaleString('en')} {board.total === 1 ? 'member' : 'members'} with XP
          </p>
        </CardHeader>
        <CardContent>
          {board.entries.length === 0 ? (
            <Alert title="Nobody on the board yet">
              Members earn XP by chatting; the first ones will appear here.
            </Alert>
          ) : (
            <Table data-testid="leaderboard">
              <caption className="sr-only">Members by XP, page {page}</caption>
              <THead>
                <tr>
                  <TH scope="col">#</TH>
                  <TH scope="col">Member</TH>
                  <TH scope="col" className="text-right">
                    Level
                  </TH>
                  <TH scope="col" className="text-right">
                    XP
                  </TH>
                  <TH scope="col" className="hidden text-right sm:table-cell">
                    Messages
                  </TH>
                </tr>
              </THead>
              <TBody>
                {board.entries.map((e) => (
                  <TR key={e.userId} className={session?.user.id === e.userId ? 'bg-primary/10' : undefined}>
                    <TD className="tabular-nums">{e.position}</TD>
                    <TD>
                      <Link href={`/${guildId}/${e.userId}`} className="font-medium hover:underline">
                        {memberName(e.userId, session, e.username)}
                      </Link>{' '}
                      <Badge className="ml-1 hidden sm:inline-flex">{e.rank.name}</Badge>
                    </TD>
                    <TD className="text-right tabular-nums">{e.level}</TD>
                    <TD className="text-right tabular-nums">{e.xp.toLocaleString('en')}</TD>
                    <TD className="hidden text-right tabular-nums sm:table-cell">
                      {e.messages.toLocaleString('en')}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          {pages > 1 && <Pager basePath={`/${guildId}/leaderboard`} page={page} pages={pages} />}
          {allPages > pages && (
            <p className="pt-3 text-sm text-muted-foreground" data-testid="leaderboard-depth">
              The top {PUBLIC_LEADERBOARD_DEPTH.toLocaleString('en')} are public;{' '}
              <Link
                href={`/api/auth/login?next=${encodeURIComponent(`/${guildId}/leaderboard`)}`}
                className="underline"
              >
                sign in
              </Link>{' '}
              as a member of this server to see everyone.
            </p>
          )}
        </CardContent>
      </Card>
      {board.entries.length > 0 && (
        <Card>
          <CardContent className="pt-5">
            <BarChart
              title="XP of this page's top ten"
              bars={board.entries
                .slice(0, 10)
                .map((e) => ({ label: memberName(e.userId, session, e.username), value: e.xp }))}
            />
          </CardContent>
        </Card>
      )}
      <LiveRefresh guildId={guildId} />
    </div>
  );
}
