'use client';
import { useEffect, useRef, useState } from 'react';
import type { GuildEvent } from '@/lib/live/guild-event';

export type LiveState = 'connecting' | 'live' | 'polling';

const KINDS = ['level', 'xp', 'roles', 'onboarding', 'leaderboard'] as const;
/** After this many failed reconnects the view polls instead (e.g. NATS is down). */
const MAX_FAILURES = 3;
const POLL_MS = 5_000;

/**
 * Subscribes to the guild's live stream; `onEvent` gets each event. When the stream cannot be
 * kept open, `onPoll` is called every few seconds instead so the view still moves.
 */
export function useGuildEvents(
  guildId: string,
  onEvent: (e: GuildEvent) => void,
  onPoll: () => void,
): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handlers = useRef({ onEvent, onPoll });
  handlers.current = { onEvent, onPoll };

  useEffect(() => {
    let failures = 0;
    let poll: ReturnType<typeof setInterval> | undefined;
    const source = new EventSource(`/api/guilds/${guildId}/live`);
    source.addEventListener('ready', () => {
      failures = 0;
      setState('live');
    });
    for (const kind of KINDS)
      source.addEventListener(kind, (msg) => {
        try {
          handlers.current.onEvent(JSON.parse((msg as MessageEvent<string>).data) as GuildEvent);
        } catch {
          // a malformed event is skipped; the next one still arrives
        }
      });
    source.onerror = () => {
      failures += 1;
      if (failures >= MAX_FAILURES || source.readyState === EventSource.CLOSED) {
        source.close();
        setState('polling');
        poll ??= setInterval(() => handlers.current.onPoll(), POLL_MS);
      }
    };
    return () => {
      source.close();
      clearInterval(poll);
    };
  }, [guildId]);

  return state;
}
