import type { Subscription } from '@nats-io/transport-node';
import { cookies } from 'next/headers';
import { guarded, jsonError } from '@/lib/api-response';
import { sessionOfCookie } from '@/lib/current-session';
import { sessionCookieName } from '@/lib/session';
import { forViewer, liveSubjects, toGuildEvent, type GuildEvent } from '@/lib/live/guild-event';
import { isModerator } from '@/lib/permissions';
import { clientAddress } from '@/lib/client-address';
import { LiveConnections } from '@/lib/live/live-connections';
import { namespaced, natsConnection } from '@/lib/live/nats-connection';

export const dynamic = 'force-dynamic';

/** Proxies and intermediaries close idle streams; a comment line keeps this one open. */
const HEARTBEAT_MS = 15_000;
/** XP moves many times a second in a busy guild; the browser needs at most one nudge per second. */
const COALESCE_MS = 1_000;
/** This process's open streams, per address and per member (see LiveConnections for why in-process). */
const connections = new LiveConnections();

/**
 * Server-sent events for one guild: level-ups, role request outcomes, onboarding progress and
 * leaderboard movement, taken from the DOMAIN subjects on NATS as they are published.
 * Public: anonymous visitors of the leaderboard only learn that it moved; a member hears of other
 * members' XP but not of their role requests or onboarding (forViewer).
 */
export function GET(req: Request, ctx: { params: Promise<{ guildId: string }> }) {
  return ctx.params.then(({ guildId }) =>
    guarded(guildId, 'public', async ({ caller }) => {
      const nc = await natsConnection().catch(() => undefined);
      // The browser falls back to polling when the live stream is unavailable.
      if (!nc) return jsonError(503, 'Live updates are unavailable right now.');
      // Refused, the browser falls back to polling, as it does when NATS is down.
      const slot = connections.acquire(clientAddress(req.headers), caller?.userId);
      if (!slot.ok) return jsonError(429, slot.message);
      // A stream outlives the request that opened it: it ends when its session does (signed
      // out, left the guild), and the browser's reconnect then gets what is left to see.
      const cookie = caller ? (await cookies()).get(sessionCookieName())?.value : undefined;
      const sessionEnded = async () => {
        const session = await sessionOfCookie(cookie).catch(() => undefined);
        return !session?.guilds.some((g) => g.id === guildId);
      };
      const viewer = caller && { userId: caller.userId, moderator: isModerator(caller.role) };
      const encoder = new TextEncoder();
      const subs: Subscription[] = [];
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      let flush: ReturnType<typeof setTimeout> | undefined;
      const coalesced = new Map<string, GuildEvent>();
      const stop = () => {
        clearInterval(heartbeat);
        clearTimeout(flush);
        for (const s of subs) s.unsubscribe();
        slot.release();
      };
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const send = (event: GuildEvent) => {
            try {
              controller.enqueue(encoder.encode(`event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`));
            } catch {
              stop();
            }
          };
          const deliver = (event: GuildEvent) => {
            if (event.kind !== 'xp' && event.kind !== 'leaderboard') return send(event);
            coalesced.set(event.kind === 'xp' ? `xp:${event.userId}` : 'leaderboard', event);
            flush ??= setTimeout(() => {
              flush = undefined;
              for (const e of coalesced.values()) send(e);
              coalesced.clear();
            }, COALESCE_MS);
          };
          controller.enqueue(encoder.encode(`retry: 3000\nevent: ready\ndata: {"kind":"ready"}\n\n`));
          for (const subject of liveSubjects(guildId)) {
            subs.push(
              nc.subscribe(namespaced(subject), {
                callback: (err, msg) => {
                  if (err) return;
                  let envelope: unknown;
                  try {
                    envelope = msg.json();
                  } catch {
                    return;
                  }
                  const event = toGuildEvent(envelope as { type?: string });
                  const visible = event && forViewer(event, viewer);
                  if (visible) deliver(visible);
                },
              }),
            );
          }
          heartbeat = setInterval(() => {
            try {
              controller.enqueue(encoder.encode(`: keep-alive\n\n`));
            } catch {
              stop();
            }
            if (caller) void sessionEnded().then((ended) => ended && close());
          }, HEARTBEAT_MS);
          const close = () => {
            stop();
            try {
              controller.close();
            } catch {
              // already closed
            }
          };
          // A client gone before we got here never fires 'abort': without this its slot would leak.
          if (req.signal.aborted) close();
          else req.signal.addEventListener('abort', close);
        },
        cancel: stop,
      });
      return new Response(stream, {
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        },
      });
    }),
  );
}
