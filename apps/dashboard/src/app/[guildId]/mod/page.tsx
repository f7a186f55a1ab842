import type { Metadata } from 'next';
import { FunnelChart } from '@/components/mod/funnel-chart';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { LiveRefresh } from '@/components/live/live-refresh';
import { requirePageAccess } from '@/lib/access';
import { getFunnel } from '@/lib/clients/onboarding';
import { getLeaderboard } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Moderation' };

export default async function ModOverview({ params }: { params: Promise<{ guildId: string }> }) {
  const { guildId } = await params;
  const { caller } = await requirePageAccess(guildId, 'moderator', `/${guildId}/mod`);
  const [funnel, board] = await Promise.all([
    getFunnel(guildId, caller!).catch((e: Error) => e),
    getLeaderboard(guildId, 1, 0, caller!).catch(() => undefined),
  ]);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Moderation</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Members with XP" value={board ? board.total.toLocaleString('en') : '—'} />
        <Stat
          label="Joined (tracked)"
          value={funnel instanceof Error ? '—' : funnel.joined.count.toLocaleString('en')}
        />
        <Stat
          label="Completed onboarding"
          value={funnel instanceof Error ? '—' : `${Math.round(funnel.quizCompleted.rate * 100)}%`}
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Onboarding funnel</CardTitle>
          <CardDescription>Members who joined while Guildhall watched, and how far they got.</CardDescription>
        </CardHeader>
        <CardContent>
          {funnel instanceof Error ? (
            <Alert tone="error">{funnel.message}</Alert>
          ) : funnel.joined.count === 0 ? (
            <Alert title="No joins yet">The funnel fills as new members join.</Alert>
          ) : (
            <FunnelChart funnel={funnel} />
          )}
        </CardContent>
      </Card>
      <LiveRefresh guildId={guildId} />
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs uppercase tracking-wide text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
    </Card>
  );
}
