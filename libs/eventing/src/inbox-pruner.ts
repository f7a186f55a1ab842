import type { Pool } from 'pg';
import { Sleeper } from './sleeper';
import { quoteSchema } from './tables';

export interface InboxPrunerOptions {
  pool: Pool;
  schema: string;
  /** Inbox rows older than this are deleted. Default 7 days, DISCORD's max age. */
  keepMs?: number;
  /** Default 10 min. */
  everyMs?: number;
  onError?: (error: unknown) => void;
}

const CHUNK = 5000;

/**
 * Keeps the inbox from growing forever. Redeliveries (a crash between commit and ack, a
 * rewind) are of messages applied moments before; the inbox only has to outlive them and the
 * republishing of an envelope by its producer, both far shorter than a week. A durable that is
 * lost starts after its checkpoint, not at the stream's start, so it never needs old rows either.
 * Deleted in small chunks so a large backlog never holds long locks.
 */
export class InboxPruner {
  private readonly sql: string;
  private readonly keepMs: number;
  private readonly everyMs: number;
  private readonly sleeper = new Sleeper();
  private loop: Promise<void> | undefined;
  private running = false;

  constructor(private readonly opts: InboxPrunerOptions) {
    const s = quoteSchema(opts.schema);
    this.keepMs = opts.keepMs ?? 7 * 24 * 3600_000;
    this.everyMs = opts.everyMs ?? 10 * 60_000;
    this.sql = `DELETE FROM ${s}.inbox WHERE ctid = ANY (ARRAY(
      SELECT ctid FROM ${s}.inbox WHERE created_at < now() - ($1::double precision * interval '1 millisecond') LIMIT ${CHUNK}))`;
  }

  /** Deletes every row past the retention; returns how many. */
  async pruneNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.opts.pool.query(this.sql, [this.keepMs]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < CHUNK) return total;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.pruneNow().catch((e) => this.opts.onError?.(e));
        await this.sleeper.sleep(this.everyMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
  }
}
