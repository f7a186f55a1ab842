import { SCHEMA_NAME } from '../config';

/** Schema names are interpolated into SQL, so each one is checked before it gets there. */
export function assertSchemaName(schema: unknown): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema))
    throw new Error(`schema ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
  return schema;
}
