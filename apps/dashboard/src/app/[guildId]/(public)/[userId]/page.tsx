import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LiveRefresh } from '@/components/live/live-refresh';
import { ProfileCard } from '@/components/profile/profile-card';
import { requirePageAccess } from '@/lib/access';
import { avatarUrl } from '@/lib/discord-cdn';
import { memberName } from '@/lib/member-name';
import { isSnowflake } from '@/lib/snowflake';
import { getMemberXp } from '@/lib/clients/xp';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Profile' };

/** The shareable profile link: public, like a profile card posted in Discord. */
export default async function PublicProfile({
  params,
}: {
  params: Promise<{ guildId: string; userId: string }>;
}) {
  const { guildId, userId } = await params;
  if (!isSnowflake(userId)) notFound();
  const { session } = await requirePageAccess(guildId, 'public', `/${guildId}/${userId}`);
  const xp = await getMemberXp(guildId, userId);
  const self = session?.user.id === userId;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <ProfileCard
        name={memberName(userId, session, xp?.username)}
        avatar={self ? avatarUrl(userId, session!.user.avatar) : null}
        xp={xp}
      />
      <LiveRefresh guildId={guildId} userId={userId} />
    </div>
  );
}
