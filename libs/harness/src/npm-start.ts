import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from '@guildhall/testing';
import { join } from 'node:path';
import { Client } from 'pg';
import { connectNats, deleteStreams, Topology } from '@guildhall/eventing';

const ROOT = join(__dirname, '..', '..', '..');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SERVICES = ['xp', 'roles', 'onboarding', 'gateway'];

export interface StartedPlatform {
  readonly ports: {
    sim: number;
    gateway: number;
    xp: number;
    roles: number;
    onboarding: number;
    dashboard: number;
  };
  readonly dashboardUrl: string;
  readonly simUrl: string;
  readonly authSecret: string;
  /** Everything `npm start` printed so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` (scripts/start.js) as a newcomer would, beside anything else on this machine:
 * its own ports, schemas (`DB_SCHEMA_PREFIX`) and event namespace, on the shared Postgres and NATS.
 * `env` replaces the caller's environment for the variables it names (`undefined` removes one).
 */
export async function npmStart(
  env: Record<string, string | undefined> = {},
  timeoutMs = 600_000,
): Promise<StartedPlatform & { cleanup(): Promise<void> }> {
  const id = randomBytes(4).toString('hex');
  const ports = {
    sim: await freePort(),
    gateway: await freePort(),
    xp: await freePort(),
    roles: await freePort(),
    onboarding: await freePort(),
    dashboard: await freePort(),
  };
  const authSecret = randomBytes(32).toString('hex');
  const schemaPrefix = `start_${id}_`;
  const namespace = `start${id}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    SIM_PORT: String(ports.sim),
    GATEWAY_PORT: String(ports.gateway),
    XP_PORT: String(ports.xp),
    ROLES_PORT: String(ports.roles),
    ONBOARDING_PORT: String(ports.onboarding),
    DASHBOARD_PORT: String(ports.dashboard),
    DB_SCHEMA_PREFIX: schemaPrefix,
    EVENT_NAMESPACE: namespace,
    AUTH_SECRET: authSecret,
    NEXT_TELEMETRY_DISABLED: '1',
    // The browser signs in on 127.0.0.1, so the OAuth redirect and the cookie must name it too.
    DASHBOARD_URL: `http://127.0.0.1:${ports.dashboard}`,
  };
  delete childEnv.DISCORD_TOKEN;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
  };
  const cleanup = async () => {
    await stop();
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    for (const s of SERVICES)
      await db.query(`DROP SCHEMA IF EXISTS "${schemaPrefix}${s}" CASCADE`).catch(() => undefined);
    await db.end();
    const nc = await connectNats(NATS_URL, `npm-start-${id}`);
    await deleteStreams(nc, new Topology(namespace)).catch(() => undefined);
    await nc.close();
  };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanup();
      throw new Error(`npm start exited (${child.signalCode ?? child.exitCode}):\n${output.slice(-8000)}`);
    }
    if (Date.now() > deadline) {
      await cleanup();
      throw new Error(`npm start did not come up within ${timeoutMs} ms:\n${output.slice(-8000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    ports,
    dashboardUrl: `http://127.0.0.1:${ports.dashboard}`,
    simUrl: `http://127.0.0.1:${ports.sim}`,
    authSecret,
    log: () => output,
    stop,
    cleanup,
  };
}
