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

/** Everything the eventing tables are today: what a service's migrations add up to. For tests and tools. */
export function eventingSchemaSql(schema: string): string[] {
  return [...eventingTablesSql(schema), ...eventingUpgradeSql(schema)];
}

/**
 * The outbox's dead rows and the indexes pruning needs; idempotent. Run by a later migration of
 * every service (`EventingUpgrade1767800000000` in @guildhall/platform); shipped migrations are never edited.
 */
export function eventingUpgradeSql(schema: string): string[] {
  const s = quoteSchema(schema);
  return [
    // A row NATS keeps refusing (too large, no stream) is set aside with the reason instead of
    // stalling every row after it.
    `ALTER TABLE ${s}.outbox ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0,
       ADD COLUMN IF NOT EXISTS last_error text NULL,
       ADD COLUMN IF NOT EXISTS dead_at timestamptz NULL`,
    // The relay only ever looks for rows to send; sent and dead ones stay until pruned or replayed.
    `DROP INDEX IF EXISTS ${s}.outbox_unsent`,
    `CREATE INDEX IF NOT EXISTS outbox_pending ON ${s}.outbox (id) WHERE sent_at IS NULL AND dead_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_sent ON ${s}.outbox (sent_at) WHERE sent_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_dead ON ${s}.outbox (id) WHERE dead_at IS NOT NULL`,
    // Inbox rows are prunable by age: the checkpoint drops redeliveries, the inbox only republishes.
    // BRIN: rows arrive in time order, and a btree on the hottest insert path cost xp ~10 % of
    // its backlog rate (bench, xp alone); a BRIN index costs inserts next to nothing.
    `CREATE INDEX IF NOT EXISTS inbox_created ON ${s}.inbox USING brin (created_at)`,
  ];
}
