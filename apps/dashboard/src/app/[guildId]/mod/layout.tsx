import type { ReactNode } from 'react';
import { ModNav } from '@/components/mod/mod-nav';
import { requirePageAccess } from '@/lib/access';

/** Moderator area: the nav shows only to moderators; each page checks access again itself. */
export default async function ModLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ guildId: string }>;
}) {
  const { guildId } = await params;
  await requirePageAccess(guildId, 'moderator', `/${guildId}/mod`);
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <ModNav guildId={guildId} />
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  );
}
