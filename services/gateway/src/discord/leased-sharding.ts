import type { IShardingStrategy, WebSocketShardDestroyOptions } from '@discordjs/ws';
import type { GatewaySendPayload } from 'discord-api-types/v10';

/**
 * @discordjs/ws' sharding strategy with a step before the shards connect: `beforeConnect` gets
 * the shard ids discord.js settled on (SHARD_IDS, or all of the bot's) and resolves once this
 * process may run them (their leases taken, their stored sessions read). Everything else is the
 * wrapped strategy's.
 */
export class LeasedShardingStrategy implements IShardingStrategy {
  private shardIds: number[] = [];

  constructor(
    private readonly inner: IShardingStrategy,
    private readonly beforeConnect: (shardIds: number[]) => Promise<void>,
  ) {}

  async spawn(shardIds: number[]): Promise<void> {
    this.shardIds = [...shardIds];
    await this.inner.spawn(shardIds);
  }

  async connect(): Promise<void> {
    await this.beforeConnect(this.shardIds);
    await this.inner.connect();
  }

  async destroy(options?: Omit<WebSocketShardDestroyOptions, 'recover'>): Promise<void> {
    await this.inner.destroy(options);
  }

  async send(shardId: number, payload: GatewaySendPayload): Promise<void> {
    await this.inner.send(shardId, payload);
  }

  fetchStatus(): ReturnType<IShardingStrategy['fetchStatus']> {
    return this.inner.fetchStatus();
  }
}
