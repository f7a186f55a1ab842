import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { GuildNav } from '@/components/guild/guild-nav';
import { isModerator } from '@/lib/permissions';
import { getGuildName } from '@/lib/clients/xp';
import { currentSession } from '@/lib/current-session';
import { isSnowflake } from '@/lib/snowflake';

/** Guild chrome only; each page checks its own access (some are public). */
export default async function GuildLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ guildId: string }>;
}) {
  const { guildId } = await params;
  if (!isSnowflake(guildId)) notFound();
  const session = await currentSession();
  const guild = session?.guilds.find((g) => g.id === guildId);
  // Visitors who are not members still see the server's name; the chrome never fails a page over it.
  const name = guild?.name ?? (await getGuildName(guildId).catch(() => undefined)) ?? guildId;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground">
          Server <span className="font-medium text-foreground">{name}</span>
        </p>
        <GuildNav guildId={guildId} member={Boolean(guild)} moderator={isModerator(guild?.role)} />
      </div>
      {children}
    </div>
  );
}
