import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
export const logDir = path.join(root, 'bench', 'results');

/** A platform process started the way `npm start` does, its output kept in bench/results/<name>.log. */
export class ServiceProcess {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {}

  static start(name: string, script: string, env: NodeJS.ProcessEnv): ServiceProcess {
    return ServiceProcess.node(name, ['-r', '@swc-node/register', script], env);
  }

  /** Any Node program (e.g. `next start`), with the same log and profile handling. */
  static node(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): ServiceProcess {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(path.join(logDir, `${name}.log`));
    // BENCH_PROFILE=1: every process writes a V8 CPU profile (open it in Chrome DevTools) on exit.
    const profile = process.env.BENCH_PROFILE
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${path.join(logDir, 'profiles')}`,
          `--cpu-prof-name=${name}.cpuprofile`,
        ]
      : [];
    const child = spawn(process.execPath, [...profile, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGTERM')
        process.stderr.write(`\n${name} exited (${signal ?? code}); see ${log.path}\n`);
    });
    return new ServiceProcess(name, child);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | false | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses of several services, read ad hoc
type Json = any;

export async function httpJson(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
