import { Logger } from '@nestjs/common';
import { runService } from './run-service';

describe('runService', () => {
  let exits: number[];
  const exit = (code: number): void => {
    exits.push(code);
  };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    exits = [];
  });
  afterEach(() => {
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
  });

  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

  it('stops once on SIGTERM and exits 0', async () => {
    const stop = jest.fn(async () => undefined);
    await runService(async () => stop, { exit });
    process.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 with the reason when startup fails', async () => {
    const errors: string[] = [];
    Logger.overrideLogger({ log: () => {}, warn: () => {}, error: (m: string) => errors.push(m) });
    try {
      await runService(async () => Promise.reject(new Error('database unreachable')), { exit, name: 'xp' });
    } finally {
      Logger.overrideLogger(false);
    }
    expect(exits).toEqual([1]);
    expect(errors.join('\n')).toMatch(/failed to start: Error: database unreachable/);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('exits 1 when stopping fails', async () => {
    await runService(async () => async () => Promise.reject(new Error('pool stuck')), { exit });
    process.emit('SIGINT', 'SIGINT');
    await settle();
    expect(exits).toEqual([1]);
  });

  it('forces exit 1 on a second signal while stopping', async () => {
    let release!: () => void;
    const stop = jest.fn(() => new Promise<void>((r) => (release = r)));
    await runService(async () => stop, { exit });
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    release();
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('stops right after startup when a signal arrives while starting', async () => {
    const stop = jest.fn(async () => undefined);
    let started!: () => void;
    const running = runService(() => new Promise((r) => (started = () => r(stop))), { exit });
    await settle();
    process.emit('SIGTERM', 'SIGTERM');
    expect(stop).not.toHaveBeenCalled();
    started();
    await running;
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });
});
