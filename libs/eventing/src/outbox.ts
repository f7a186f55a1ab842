import type { OutgoingMessage } from './publisher';
import { quoteSchema } from './tables';
import type { Tx } from './tx';

/** Messages written in the same transaction as the state that caused them; the relay publishes them after commit. */
export class Outbox {
  private readonly insertSql: string;

  constructor(schema: string) {
    // WITH ORDINALITY + ORDER BY keeps the ids (and so the publish order) in the caller's order.
    this.insertSql = `INSERT INTO ${quoteSchema(schema)}.outbox (subject, msg_id, payload)
      SELECT subject, msg_id, payload::jsonb
      FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(subject, msg_id, payload, n)
      ORDER BY n`;
  }

  /** One multi-row INSERT inside the caller's transaction. */
  async add(tx: Tx, items: OutgoingMessage[]): Promise<void> {
    if (items.length === 0) return;
    const subjects = new Array<string>(items.length);
    const ids = new Array<string>(items.length);
    const payloads = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) {
      subjects[i] = items[i].subject;
      ids[i] = items[i].envelope.id;
      payloads[i] = JSON.stringify(items[i].envelope);
    }
    await tx.query(this.insertSql, [subjects, ids, payloads]);
  }
}
