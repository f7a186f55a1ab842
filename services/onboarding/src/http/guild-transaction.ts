import { Inject, Injectable } from '@nestjs/common';
import { KIT, ServiceKit } from '@guildhall/platform';
import type { Queryable } from '../projections/queryable';
import { FactStore } from '../events/fact-store';

/**
 * HTTP writes run like a consumer batch: one transaction holding the guild's lock, so a
 * request and a button click for the same guild never decide on the same stale state.
 */
@Injectable()
export class GuildTransactions {
  constructor(
    @Inject(KIT) private readonly kit: ServiceKit,
    readonly store: FactStore,
  ) {}

  async run<T>(guildId: string, work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.kit.pool.connect();
    try {
      await client.query('BEGIN');
      await this.store.lockGuilds(client, [guildId]);
      const result = await work(client);
      await client.query('COMMIT');
      // Whatever the work queued in the outbox goes out now, not at the relay's next poll.
      this.kit.relay.wake();
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** Reads need no lock; the pool is enough. */
  get db(): Queryable {
    return this.kit.pool;
  }
}
