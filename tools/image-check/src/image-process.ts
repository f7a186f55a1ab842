import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LocalRuntime } from './local-runtime';

/**
 * One process of the image, started as the container starts it: its command
 * (`sh scripts/image/start.sh`) in /app, with only the image's environment and the given one (no
 * variable of this process leaks in), as the image's user.
 */
export class ImageProcess {
  private output = '';

  private constructor(
    readonly service: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(
    runtime: LocalRuntime,
    imageEnv: Record<string, string>,
    env: Record<string, string> & { SERVICE: string; PORT: string },
    readyPath: string,
  ): Promise<ImageProcess> {
    const child = spawn('sh', ['scripts/image/start.sh'], {
      cwd: runtime.dir,
      // Node from PATH, as in the image; this one, since the machine may have several.
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...imageEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runtime.user ?? {}),
    });
    const started = new ImageProcess(env.SERVICE, `http://127.0.0.1:${env.PORT}`, child);
    try {
      await started.answers(readyPath);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return started;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** The real user id the process runs as (Linux): the shell execs node, so the pid is node's. */
  uid(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  }

  private async answers(path: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.service} exited (${this.child.exitCode}):\n${this.output}`);
      const ok = await fetch(`${this.url}${path}`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.service} did not answer ${path} within ${timeoutMs} ms:\n${this.output}`);
  }

  /**
   * SIGTERM, as `docker stop` and Kubernetes send it, then SIGKILL after 15 s as they do after their
   * grace period; resolves to the exit code (null when a signal ended it).
   */
  async stop(): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}
