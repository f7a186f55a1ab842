import path from 'node:path';
import { runChaos, type ChaosOptions } from './chaos-run';
import { ALL_FAULTS, parseFaults } from './faults';
import { reportIsClean, reportTable } from './report-table';

const USAGE = `npm run chaos [-- --quick] [-- --faults xp,postgres,...] [-- --members 20]
Faults, in this order by default: ${ALL_FAULTS.join(', ')}.
Environment: CHAOS_MEMBERS, CHAOS_ROUNDS (rounds per fault), CHAOS_TICK_MS, CHAOS_DOWN_MS, CHAOS_FAULTS.`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new Error(`${name} "${text}" must be a positive integer`);
  return Number(text);
}

/** Flags override the environment; `--quick` shortens every phase (a little over a minute in all). */
function chaosOptions(argv: string[], env: NodeJS.ProcessEnv): Omit<ChaosOptions, 'progress' | 'signal'> {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const unknown = argv.filter((a) => a.startsWith('--') && !['--quick', '--faults', '--members'].includes(a));
  if (unknown.length > 0 || argv.includes('--help')) throw new Error(USAGE);
  const quick = argv.includes('--quick');
  return {
    members: positive('--members', flag('members') ?? env.CHAOS_MEMBERS, 20),
    roundsPerPhase: positive('CHAOS_ROUNDS', env.CHAOS_ROUNDS, quick ? 8 : 15),
    tickMs: positive('CHAOS_TICK_MS', env.CHAOS_TICK_MS, quick ? 700 : 1000),
    faultAfterRounds: 2,
    downMs: positive('CHAOS_DOWN_MS', env.CHAOS_DOWN_MS, quick ? 1500 : 3000),
    headStart: 4,
    joinEveryRounds: 5,
    catchUpTimeoutMs: 60_000,
    faults: parseFaults(flag('faults') ?? env.CHAOS_FAULTS ?? ALL_FAULTS.join(',')),
    baseline: true,
    logRoot: path.resolve(__dirname, '../../../test-output/chaos'),
  };
}

async function main(): Promise<void> {
  const options = chaosOptions(process.argv.slice(2), process.env);
  const started = Date.now();
  const progress = (line: string) =>
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s ${line}\n`);
  // The first Ctrl-C stops the run and cleans up (processes, private servers); a second one exits at once.
  const abort = new AbortController();
  process.once('SIGINT', () => {
    progress('interrupted: stopping every process and removing the private servers');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const report = await runChaos({ ...options, progress, signal: abort.signal });
  process.stdout.write(`\n${reportTable(report)}\n`);
  progress(`done; logs in ${report.logDir}`);
  process.exitCode = reportIsClean(report) ? 0 : 1;
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 2;
});
