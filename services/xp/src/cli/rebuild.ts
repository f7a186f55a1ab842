import { migrateDataSource, openServiceDataSource, poolOf, progressBar } from '@guildhall/platform';
import { rebuildConfig } from '../config';
import { XP_MIGRATIONS } from '../migrations';
import { rebuildProjections } from './rebuild-projections';

const USAGE = `Usage: npm run rebuild:xp [-- --reapply-policy]

Replays the xp_events ledger into a fresh member_xp projection (one transaction).
  --reapply-policy  recompute every level under each guild's current level curve
Environment: DATABASE_URL, DB_SCHEMA (default xp).`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--reapply-policy');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument ${unknown[0]}\n${USAGE}\n`);
    return 2;
  }
  const config = rebuildConfig();
  const dataSource = await openServiceDataSource({
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    migrations: XP_MIGRATIONS,
    poolSize: 2,
  });
  try {
    await migrateDataSource(dataSource);
    const started = Date.now();
    const report = await rebuildProjections(poolOf(dataSource), config.schema, {
      reapplyPolicy: argv.includes('--reapply-policy'),
      onProgress: progressBar('replaying xp_events'),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `rebuilt ${report.members} members from ${report.events} events in ${seconds} s; ` +
        `${report.levelChanges} level changes, ${report.inconsistencies} ledger inconsistencies\n`,
    );
    return report.inconsistencies > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`rebuild failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
