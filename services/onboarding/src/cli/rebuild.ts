import { createPool, progressBar, runMigrations } from '@guildhall/platform';
import { onboardingConfig } from '../config';
import { ONBOARDING_MIGRATIONS } from '../migrations';
import { rebuildProjections } from './rebuild-projections';

/** `npm run rebuild -w @guildhall/onboarding`: replays onboarding_events into fresh projections. */
async function main(): Promise<void> {
  const { base } = onboardingConfig();
  await runMigrations(base.databaseUrl, base.schema, ONBOARDING_MIGRATIONS);
  const pool = createPool(base.databaseUrl, 2);
  try {
    const started = Date.now();
    const report = await rebuildProjections(pool, base.schema, progressBar('onboarding rebuild'));
    process.stdout.write(
      `rebuilt ${base.schema} projections from ${report.facts} facts in ${Date.now() - started} ms\n`,
    );
  } finally {
    await pool.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`rebuild failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
