import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '@guildhall/platform';
import { Status, type Client } from 'discord.js';

export const DISCORD_CLIENT = 'GUILDHALL_DISCORD_CLIENT';

export interface ShardReport {
  id: number;
  status: string;
  /** Heartbeat round trip in ms; -1 before the first heartbeat. */
  ping: number;
  guilds: number;
}

export interface ShardsReport {
  ready: boolean;
  shardCount: number;
  guilds: number;
  shards: ShardReport[];
}

/** Connection status for operators: counts and latencies only, no tokens, ids of users or guild names. */
@Controller('shards')
export class ShardsController {
  constructor(@Inject(DISCORD_CLIENT) private readonly client: Client) {}

  @Public()
  @Get()
  report(): ShardsReport {
    const perShard = new Map<number, number>();
    for (const g of this.client.guilds.cache.values())
      perShard.set(g.shardId, (perShard.get(g.shardId) ?? 0) + 1);
    const shards = [...this.client.ws.shards.values()]
      .map((s) => ({
        id: s.id,
        status: Status[s.status] ?? String(s.status),
        ping: s.ping,
        guilds: perShard.get(s.id) ?? 0,
      }))
      .sort((a, b) => a.id - b.id);
    const count = this.client.options.shardCount;
    return {
      ready: this.client.isReady(),
      shardCount: typeof count === 'number' ? count : shards.length,
      guilds: this.client.guilds.cache.size,
      shards,
    };
  }
}
