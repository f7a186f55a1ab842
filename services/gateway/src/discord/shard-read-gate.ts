import type { IShardingStrategy } from '@discordjs/ws';

/** The part of @discordjs/ws' SimpleShardingStrategy this needs: each shard's `ws` socket. */
interface SocketsOf {
  shards?: Map<number, { connection?: PausableSocket | null }>;
}
interface PausableSocket {
  pause(): void;
  resume(): void;
}

/**
 * Backpressure towards Discord: while the publish queue is full the shards' sockets are
 * paused, so Discord's dispatches wait in TCP and on Discord's side instead of in memory.
 * A socket paused long enough misses heartbeat acks; @discordjs/ws then RESUMEs it and
 * Discord replays from the last sequence received, so a pause never loses a dispatch.
 */
export class ShardReadGate {
  private strategy: SocketsOf | undefined;
  private readonly paused = new Set<PausableSocket>();
  private holding = false;

  attach(strategy: IShardingStrategy): void {
    this.strategy = strategy as unknown as SocketsOf;
  }

  get held(): boolean {
    return this.holding;
  }

  /** Stops reading on every shard (and on any socket a shard opens while held, at its next dispatch). */
  hold(): void {
    this.holding = true;
    for (const shard of this.strategy?.shards?.values() ?? []) {
      const socket = shard.connection;
      if (!socket || this.paused.has(socket)) continue;
      socket.pause();
      this.paused.add(socket);
    }
  }

  release(): void {
    this.holding = false;
    for (const socket of this.paused) socket.resume();
    this.paused.clear();
  }
}
