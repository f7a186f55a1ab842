import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { freePort } from '@guildhall/testing';
import type { ServiceName } from './services';

const root = path.resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  /** Also appends everything the process prints to this file, for a fault run read afterwards. */
  logFile?: string;
}

/**
 * A platform service as `npm start` runs it: its own Node process (services/<name>/src/main.ts), on
 * a free loopback port; `start` resolves once its /health answers.
 */
export class ServiceProcess {
  private output = '';
  private constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last 4000 characters it printed: what to show when it dies unexpectedly. */
  get recentOutput(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(
    name: ServiceName,
    env: NodeJS.ProcessEnv,
    options: ServiceProcessOptions = {},
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${name}/src/main.ts`], {
      cwd: root,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (options.logFile) {
      const log = createWriteStream(options.logFile, { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    const service = new ServiceProcess(name, port, child);
    try {
      await service.healthy();
    } catch (e) {
      await service.kill();
      throw e;
    }
    return service;
  }

  private async healthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited (${this.child.exitCode}):\n${this.output}`);
      const ok = await fetch(`${this.url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.name} did not become healthy:\n${this.output}`);
  }

  private exited(): Promise<void> {
    return new Promise((r) => (this.running ? this.child.once('exit', () => r()) : r()));
  }

  /** SIGKILL, as the OOM killer or a lost node ends a process: no shutdown hook runs. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = this.exited();
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = this.exited();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
