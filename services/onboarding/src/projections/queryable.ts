import type { Tx } from '@guildhall/eventing';

/** A pg Pool, a pool client or the consumer's transaction: anything that runs a query. */
export type Queryable = Tx;

/** Schema names reach SQL text, so only safe ones get there (the platform checks them too). */
export function qualify(schema: string, table: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return `"${schema}".${table}`;
}
