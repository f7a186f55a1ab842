import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContainerServer, dockerEngineReachable } from './container-servers';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';

const run = promisify(execFile);

/**
 * Servers a fault test may crash and restart: never the shared ones on 5432/4222. Each lives in
 * its own temp folder on its own loopback port, keeps its data across restarts (a crash loses
 * only what the server itself would lose), and is removed by `dispose`.
 */
export interface PrivateServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server the hard way: Postgres `-m immediate` (crash recovery on start), NATS SIGKILL. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `crash()` then `start()`. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

function postgresBin(tool: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = `/usr/lib/postgresql/${v}/bin/${tool}`;
    if (existsSync(bin)) return bin;
  }
  throw new Error(`PostgreSQL's ${tool} not found under /usr/lib/postgresql/*/bin: install postgresql`);
}

/** Postgres refuses to run as root: as root, the cluster belongs to the postgres user. */
function asOwner(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function runAsOwner(cmd: string, args: string[]): Promise<void> {
  const [c, a] = asOwner(cmd, args);
  await run(c, a, { timeout: 60_000 });
}

/** A private PostgreSQL cluster (initdb + pg_ctl), trust auth, user and database `postgres`. */
export class PrivatePostgres implements PrivateServer {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Through testcontainers where a Docker engine is reachable, else the local binaries. */
  static async start(): Promise<PrivateServer> {
    if (dockerEngineReachable()) return ContainerServer.postgres();
    return PrivatePostgres.local();
  }

  static async local(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'guildhall-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    chmodSync(dir, 0o700);
    await runAsOwner(postgresBin('initdb'), [
      '-D',
      join(dir, 'data'),
      '--auth=trust',
      '-U',
      'postgres',
      '-N',
    ]);
    const pg = new PrivatePostgres(await freePort(), dir);
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    // fsync off: a crash here is Postgres's immediate shutdown, not a power cut, so WAL survives.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await runAsOwner(postgresBin('pg_ctl'), [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  async crash(): Promise<void> {
    await runAsOwner(postgresBin('pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async restart(): Promise<void> {
    await this.crash();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.crash().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private nats-server with JetStream, its store in a temp folder. */
export class PrivateNats implements PrivateServer {
  private proc: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Through testcontainers where a Docker engine is reachable, else the local binary. */
  static async start(): Promise<PrivateServer> {
    if (dockerEngineReachable()) return ContainerServer.nats();
    return PrivateNats.local();
  }

  static async local(): Promise<PrivateNats> {
    const nats = new PrivateNats(await freePort(), mkdtempSync(join(tmpdir(), 'guildhall-nats-')));
    await nats.start();
    return nats;
  }

  async start(): Promise<void> {
    if (this.proc) return;
    const bin = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
    const proc = spawn(bin, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir], {
      stdio: 'ignore',
    });
    this.proc = proc;
    proc.once('exit', () => {
      if (this.proc === proc) this.proc = undefined;
    });
    await waitForPort(this.port, 30_000);
  }

  async crash(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    this.proc = undefined;
  }

  async restart(): Promise<void> {
    await this.crash();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
