import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Checkpoint } from './jetstream-durables';
import { quoteSchema } from './tables';

/**
 * Records applied envelope ids per consumer. One statement both advances the checkpoint and
 * claims the ids: the ids it returns are the ones never applied before (a duplicate inside
 * the same batch is returned once), so the caller hands only those to the handler.
 */
export class Inbox {
  private readonly claimSql: string;
  private readonly statement: string;
  private readonly checkpointSql: string;

  constructor(schema: string) {
    const s = quoteSchema(schema);
    this.checkpointSql = `SELECT consumer, stream_seq::float8 AS seq, updated_at FROM ${s}.consumer_checkpoint WHERE consumer = ANY($1)`;
    this.claimSql = `WITH checkpoint AS (
        INSERT INTO ${s}.consumer_checkpoint AS c (consumer, stream_seq, updated_at) VALUES ($4, $3, now())
        ON CONFLICT (consumer) DO UPDATE SET stream_seq = GREATEST(c.stream_seq, EXCLUDED.stream_seq), updated_at = now()
      )
      INSERT INTO ${s}.inbox (consumer, event_id) SELECT $1, unnest($2::text[])
      ON CONFLICT DO NOTHING RETURNING event_id`;
    // A named statement is parsed and planned once per connection.
    this.statement = `guildhall_inbox_${createHash('sha1').update(this.claimSql).digest('hex').slice(0, 24)}`;
  }

  /**
   * The ids of `ids` not seen before by this consumer, in no particular order. `checkpoint` is
   * the server-side durable the batch came from: a consumer split into one durable per filter
   * subject (NATS < 2.10) shares one inbox but has a stream position per durable.
   */
  async claim(
    tx: ClientBase,
    consumer: string,
    ids: string[],
    streamSeq: number,
    checkpoint = consumer,
  ): Promise<Set<string>> {
    const { rows } = await tx.query<{ event_id: string }>({
      name: this.statement,
      text: this.claimSql,
      values: [consumer, ids, streamSeq, checkpoint],
    });
    const fresh = new Set<string>();
    for (const r of rows) fresh.add(r.event_id);
    return fresh;
  }

  /** The committed checkpoint of each of `durables` that has one. */
  async checkpoints(db: ClientBase, durables: string[]): Promise<Map<string, Checkpoint>> {
    const { rows } = await db.query<{ consumer: string; seq: number; updated_at: Date }>(this.checkpointSql, [
      durables,
    ]);
    return new Map(rows.map((r) => [r.consumer, { streamSeq: r.seq, updatedAt: r.updated_at }]));
  }
}
