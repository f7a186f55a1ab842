/** Postgres folds unquoted names to lower case and caps them at 63 bytes; nothing else may reach SQL text. */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema as a quoted SQL identifier, after checking it cannot inject anything. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA.test(schema)) throw new Error(`invalid schema name "${schema}": use a-z, 0-9 and _`);
  return `"${schema}"`;
}

/** Called from a service's first migration: creates <schema>.inbox, <schema>.consumer_checkpoint, <schema>.outbox. */
export function eventingTablesSql(schema: string): string[] {
  const s = quoteSchema(schema);
  return [
    // One row per envelope applied by a consumer: the dedupe key of exactly-once effect.
    // created_at lets an operator prune ids older than any possible redelivery.
    `CREATE TABLE IF NOT EXISTS ${s}.inbox (
      consumer text NOT NULL,
      event_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`,
    // The last stream sequence applied per consumer: progress for ops, and a restart point.
    `CREATE TABLE IF NOT EXISTS ${s}.consumer_checkpoint (
      consumer text PRIMARY KEY,
      stream_seq bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.outbox (
      id bigserial PRIMARY KEY,
      subject text NOT NULL,
      msg_id text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz NULL
    )`,
    // The relay only ever looks for unsent rows; sent ones stay until pruned.
    `CREATE INDEX IF NOT EXISTS outbox_unsent ON ${s}.outbox (id) WHERE sent_at IS NULL`,
  ];
}
