import type { OutgoingMessage, Tx } from '@guildhall/eventing';
import type { Pool, PoolClient } from 'pg';
import type { ActionExecutor } from './action-executor';
import type { ParkedActions, ParkedRow } from './parked-actions';

export interface ParkedActionRunnerOptions {
  parked: ParkedActions;
  executor: Pick<ActionExecutor, 'run'>;
  pool: Pool;
  /** Writes result messages in the transaction that removes their action (the service's outbox). */
  writeResults(tx: Tx, results: OutgoingMessage[]): Promise<void>;
  parkAfterMs: number;
  pollMs?: number;
  onError(e: unknown, context: string): void;
  afterResults?(): void;
}

/** Its own advisory key space, apart from the consumer leases and the services' guild locks. */
const LOCK_SPACE = 'gateway.parked-actions';

/**
 * Runs the actions set aside by a lane once their guild's rate limit has passed: per lane and
 * guild, the first one, then the next, in the order they were parked, and stops at one that is
 * limited again (it gets a new time). A (lane, guild) is run by one gateway process at a time
 * (an advisory lock), its Discord calls outside any transaction like the lanes' (the action
 * log knows what was done); each result and the removal of its row commit together.
 */
export class ParkedActionRunner {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: ParkedActionRunnerOptions) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.timer = undefined;
      if (this.stopped) return;
      this.round = this.runDue()
        .catch((e) => this.opts.onError(e, 'running parked actions'))
        .finally(() => {
          this.round = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 250);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private async runDue(): Promise<void> {
    for (const { lane, guildId } of await this.opts.parked.due()) {
      if (this.stopped) return;
      await this.runGuild(lane, guildId);
    }
  }

  private async runGuild(lane: string, guildId: string): Promise<void> {
    const client = await this.opts.pool.connect();
    const key = `${lane}:${guildId}`;
    let broken = false;
    try {
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS got`, [
        LOCK_SPACE,
        key,
      ]);
      if (!rows[0].got) return;
      try {
        while (!this.stopped) {
          const next = await this.opts.parked.first(client, lane, guildId);
          if (!next || next.notBefore.getTime() > Date.now()) return;
          if (!(await this.runOne(client, next))) return;
        }
      } finally {
        await client
          .query(`SELECT pg_advisory_unlock(hashtext($1), hashtext($2))`, [LOCK_SPACE, key])
          .catch(() => (broken = true));
      }
    } catch (e) {
      broken = true;
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** Whether the action ran (false: limited again, postponed). */
  private async runOne(client: PoolClient, row: ParkedRow): Promise<boolean> {
    const run = await this.opts.executor.run([row.action], { parkAfterMs: this.opts.parkAfterMs });
    await client.query('BEGIN');
    try {
      const again = run.parked[0];
      if (again) await this.opts.parked.postpone(client, row.seq, again.notBefore, again.reason);
      else {
        await this.opts.writeResults(client, [...run.results.values()]);
        await this.opts.parked.remove(client, row.seq);
      }
      await client.query('COMMIT');
      if (!again) this.opts.afterResults?.();
      return again === undefined;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
}
