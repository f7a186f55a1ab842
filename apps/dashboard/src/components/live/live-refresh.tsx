'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GuildEvent } from '@/lib/live/guild-event';
import { LiveBadge } from './live-badge';
import { useGuildEvents } from './use-guild-events';

/** The follow-up refresh after the last event of a burst. */
const SETTLE_MS = 2000;

/**
 * Re-renders the server page when something it shows changes: a member's XP or level (when
 * `userId` is given, only theirs), or the leaderboard. Level-ups are announced.
 */
export function LiveRefresh({ guildId, userId }: { guildId: string; userId?: string }) {
  const router = useRouter();
  const [announcement, setAnnouncement] = useState('');
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(() => {
    // At most one refresh a second; a burst of events becomes one re-render.
    const wait = Math.max(0, 1000 - (Date.now() - last.current));
    clearTimeout(timer.current);
    clearTimeout(settle.current);
    timer.current = setTimeout(() => {
      last.current = Date.now();
      router.refresh();
      // Next's router can drop a refresh that races another update of the page (seen in the
      // browser tests): one more, a little later, makes sure the last event is on screen.
      settle.current = setTimeout(() => router.refresh(), SETTLE_MS);
    }, wait);
  }, [router]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(settle.current);
    },
    [],
  );

  const state = useGuildEvents(
    guildId,
    (e: GuildEvent) => {
      if (e.kind === 'leaderboard') return refresh();
      if (userId && 'userId' in e && e.userId !== userId) return;
      if (e.kind === 'level') setAnnouncement(`Level up! Now level ${e.level}.`);
      refresh();
    },
    refresh,
  );

  return (
    <div className="fixed bottom-4 right-4 z-40 flex flex-col items-end gap-2">
      {announcement && (
        <div
          role="status"
          className="rounded-lg bg-primary px-4 py-3 text-sm font-medium text-primary-foreground shadow-lg"
          data-testid="level-up-toast"
        >
          {announcement}
          <button type="button" className="ml-3 underline" onClick={() => setAnnouncement('')}>
            Dismiss
          </button>
        </div>
      )}
      <LiveBadge state={state} />
    </div>
  );
}
