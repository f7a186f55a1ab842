import { Inject, Injectable } from '@nestjs/common';
import { inTransaction, KIT, ServiceKit } from '@guildhall/platform';
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
    const result = await inTransaction(this.kit.pool, async (tx) => {
      await this.store.lockGuilds(tx, [guildId]);
      return work(tx);
    });
    // Whatever the work queued in the outbox goes out now, not at the relay's next poll.
    this.kit.relay.wake();
    return result;
  }

  /** This service's schema, for the shared libraries' tables in it. */
  get schema(): string {
    return this.kit.config.schema;
  }

  /** Reads need no lock; the pool is enough. */
  get db(): Queryable {
    return this.kit.pool;
  }
}
