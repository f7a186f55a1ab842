import { migrateDataSource, openServiceDataSource, poolOf, progressBar } from '@guildhall/platform';
import { onboardingConfig } from '../config';
import { ONBOARDING_MIGRATIONS } from '../migrations';
import { rebuildProjections } from './rebuild-projections';

/** `npm run rebuild -w @guildhall/onboarding`: replays onboarding_events into fresh projections. */
async function main(): Promise<void> {
  const { base } = onboardingConfig();
  const dataSource = await openServiceDataSource({
    databaseUrl: base.databaseUrl,
    schema: base.schema,
    migrations: ONBOARDING_MIGRATIONS,
    poolSize: 2,
  });
  try {
    await migrateDataSource(dataSource);
    const started = Date.now();
    const report = await rebuildProjections(
      poolOf(dataSource),
      base.schema,
      progressBar('onboarding rebuild'),
    );
    process.stdout.write(
      `rebuilt ${base.schema} projections from ${report.facts} facts in ${Date.now() - started} ms\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`rebuild failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
