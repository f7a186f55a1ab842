import type { Logger } from '@nestjs/common';
import { Events, ShardClientUtil, type Client } from 'discord.js';
import type { ShardSessions } from './shard-sessions';

/** The internals of discord.js a start without READY has to reach (v14: WebSocketManager/WebSocketShard). */
interface ShardInternals {
  onReadyPacket(data: unknown): void;
}
interface ManagerInternals {
  shards: Map<number, ShardInternals>;
  handlePacket(packet: unknown, shard: ShardInternals): boolean;
}

/**
 * discord.js builds its client (user, application, "ready") only from READY, which a RESUME of
 * a session opened by an earlier process does not send. When such a shard has resumed, it is
 * given the stored READY with no guilds, so the client turns ready and stops queueing packets;
 * then guilds and channels are fetched over REST in the background, so thread parents and the
 * per-shard guild counts are known again. The gateway translates raw dispatches, which flow
 * (and are published) from the first replayed one regardless.
 */
export function completeResumedStarts(
  client: Client,
  sessions: ShardSessions,
  readied: ReadonlySet<number>,
  logger: Logger,
): void {
  let warming: Promise<void> | undefined;
  client.on(Events.ShardResume, (shardId, replayed) => {
    logger.log(`shard ${shardId} resumed its session; Discord replayed ${replayed} event(s)`);
    const identity = sessions.identityForResume;
    if (readied.has(shardId) || identity === undefined) return;
    const manager = client.ws as unknown as ManagerInternals;
    const shard = manager.shards.get(shardId);
    if (!shard) return;
    const ready = { ...identity, guilds: [], session_id: '', resume_gateway_url: '', v: 10 };
    shard.onReadyPacket(ready);
    manager.handlePacket({ op: 0, t: 'READY', s: 0, d: ready }, shard);
    warming ??= warmCaches(client).catch((e) =>
      logger.warn(`refilling discord.js' guild cache after a resume: ${(e as Error).message}`),
    );
  });
}

async function warmCaches(client: Client): Promise<void> {
  await new Promise<void>((resolve) =>
    client.isReady() ? resolve() : client.once(Events.ClientReady, () => resolve()),
  );
  const own = new Set(client.ws.shards.keys());
  const count = client.options.shardCount ?? 1;
  let after: string | undefined;
  for (;;) {
    const page = await client.guilds.fetch(after ? { after, limit: 200 } : { limit: 200 });
    for (const g of page.values()) {
      if (!own.has(ShardClientUtil.shardIdForGuildId(g.id, count))) continue;
      const guild = await client.guilds.fetch({ guild: g.id, force: true });
      await guild.channels.fetch();
      await guild.channels.fetchActiveThreads().catch(() => undefined);
    }
    if (page.size < 200) return;
    after = page.lastKey();
  }
}
