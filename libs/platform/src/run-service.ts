import { Logger } from '@nestjs/common';

export type StopFn = () => Promise<void> | void;

export interface RunServiceOptions {
  /** For the log lines; defaults to 'service'. */
  name?: string;
  /** Past this the process exits 1 anyway; Kubernetes sends SIGKILL 30 s after SIGTERM. */
  stopTimeoutMs?: number;
  /** Injectable for tests; defaults to process.exit. */
  exit?: (code: number) => void;
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
let runServiceActive = false;

/** startHttp leaves signals alone when runService owns them. */
export function signalsHandledByRunService(): boolean {
  return runServiceActive;
}

/**
 * The body of every main.ts: `runService(async () => { ...start...; return stop; })`.
 * SIGTERM/SIGINT call `stop` once (a second signal forces exit 1); a startup failure logs the
 * reason and exits 1. A signal that arrives during startup stops the service once it is up.
 * Resolves when the service has started (or the process is exiting).
 */
export async function runService(start: () => Promise<StopFn>, opts: RunServiceOptions = {}): Promise<void> {
  const name = opts.name ?? 'service';
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const stopTimeoutMs = opts.stopTimeoutMs ?? 25_000;
  const logger = new Logger(name);
  let stop: StopFn | undefined;
  let signalled: NodeJS.Signals | undefined;
  let stopping = false;
  runServiceActive = true;

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping || !stop) return;
    stopping = true;
    logger.log(`${signal} received, stopping`);
    const timer = setTimeout(() => {
      logger.error(`did not stop within ${stopTimeoutMs} ms, exiting`);
      exit(1);
    }, stopTimeoutMs);
    timer.unref();
    try {
      await stop();
      clearTimeout(timer);
      logger.log('stopped');
      exit(0);
    } catch (e) {
      clearTimeout(timer);
      logger.error(`stop failed: ${describe(e)}`);
      exit(1);
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping || signalled) {
      logger.warn(`${signal} received again, exiting now`);
      exit(1);
      return;
    }
    signalled = signal;
    void shutdown(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);

  try {
    stop = await start();
  } catch (e) {
    logger.error(`failed to start: ${describe(e)}`);
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    exit(1);
    return;
  }
  logger.log('started');
  if (signalled) await shutdown(signalled);
}

function describe(e: unknown): string {
  if (e instanceof AggregateError) return `${e.message}: ${e.errors.map(describe).join('; ')}`;
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
