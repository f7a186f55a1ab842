import { Client } from 'pg';
import { progressBar, SCHEMA_NAME } from '@guildhall/platform';
import { READ_MODELS, rebuildProjections } from '../projections/rebuild-projections';

/**
 * Rebuilds the roles read models from `roles_events`, in one transaction so readers see the old
 * models until the new ones are complete. `DB_SCHEMA=roles npm run rebuild -w @guildhall/roles`.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
  const s = process.env.DB_SCHEMA?.trim() || 'roles';
  if (!SCHEMA_NAME.test(s)) throw new Error(`DB_SCHEMA "${s}" must match ${SCHEMA_NAME}`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const done = await rebuildProjections(db, s, progressBar(`rebuilding ${s}`));
    await db.query('COMMIT');
    process.stdout.write(`rebuilt ${READ_MODELS.length} read models from ${done} events\n`);
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

main().catch((e) => {
  console.error(`rebuild failed: ${(e as Error).message}`);
  process.exit(1);
});
