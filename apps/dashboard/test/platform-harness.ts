import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Client } from 'pg';
import { connectNats, deleteStreams, Topology } from '@guildhall/eventing';
import { signServiceToken, type Role } from '@guildhall/platform';
import { DiscordSimulator } from '@guildhall/discord-sim/src/simulator';
import { DASHBOARD_DIR, ensureDashboardBuild, startService } from '@guildhall/harness';
import { sessionBucket } from '../src/lib/session-store';

export { DASHBOARD_DIR };
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const MANAGE_GUILD = 0x20;

export interface People {
  guildId: string;
  otherGuildId: string;
  /** A plain member of the guild. */
  mia: string;
  /** Holds a role with Manage Server: a moderator. */
  max: string;
  /** Member of the other guild only. */
  otto: string;
  /** Holds the role configured as the guild's moderator role (onboarding setup), no permissions. */
  hana: string;
  helperRoleId: string;
  artistRoleId: string;
  channelId: string;
}

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * The whole platform for one test file: the Discord simulator, gateway + xp + roles + onboarding
 * in-process with their own schemas and event namespace, and the dashboard via `next start`.
 */
export class Platform {
  readonly id = randomBytes(4).toString('hex');
  readonly namespace = `dash${this.id}`;
  readonly authSecret = randomBytes(32).toString('hex');
  readonly sim = new DiscordSimulator();
  readonly services: Stoppable[] = [];
  readonly urls = { xp: '', roles: '', onboarding: '', dashboard: '' };
  people!: People;
  private dashboard?: RunningDashboard;

  schema(service: string): string {
    return `dash_${this.id}_${service}`;
  }

  async start(): Promise<void> {
    ensureDashboardBuild();
    await this.sim.start();
    this.people = this.seedDiscord();
    const env = (service: string): NodeJS.ProcessEnv => ({
      ...process.env,
      DATABASE_URL,
      NATS_URL,
      DB_SCHEMA: this.schema(service),
      EVENT_NAMESPACE: this.namespace,
      AUTH_SECRET: this.authSecret,
      PORT: '0',
      DISCORD_TOKEN: this.sim.botToken,
      DISCORD_API_URL: this.sim.apiUrl,
      DISCORD_APPLICATION_ID: this.sim.applicationId,
    });
    const xp = await startService('xp', env('xp'));
    this.services.push(xp);
    const roles = await startService('roles', env('roles'));
    this.services.push(roles);
    const onboarding = await startService('onboarding', env('onboarding'));
    this.services.push(onboarding);
    const gateway = await startService('gateway', env('gateway'));
    this.services.push(gateway);
    await this.sim.waitForBot();
    this.urls.xp = `http://127.0.0.1:${xp.port}`;
    this.urls.roles = `http://127.0.0.1:${roles.port}`;
    this.urls.onboarding = `http://127.0.0.1:${onboarding.port}`;
    await this.startDashboard();
  }

  private seedDiscord(): People {
    const guild = this.sim.createGuild({
      name: 'Guildhall Test Hall',
      ownerName: 'olga',
      channels: ['general'],
    });
    const mods = this.sim.createRole(guild.id, { name: 'Mods', permissions: String(MANAGE_GUILD) });
    const artist = this.sim.createRole(guild.id, { name: 'Artist', color: 0xe67e22 });
    const mia = this.sim.addMember(guild.id, { username: 'mia', globalName: 'Mia' }).user!.id;
    const max = this.sim.addMember(guild.id, { username: 'max', globalName: 'Max', roles: [mods.id] }).user!
      .id;
    const helpers = this.sim.createRole(guild.id, { name: 'Helpers' });
    const hana = this.sim.addMember(guild.id, { username: 'hana', globalName: 'Hana', roles: [helpers.id] })
      .user!.id;
    const other = this.sim.createGuild({ name: 'Elsewhere', ownerName: 'erin', channels: ['general'] });
    const otto = this.sim.addMember(other.id, { username: 'otto', globalName: 'Otto' }).user!.id;
    return {
      guildId: guild.id,
      otherGuildId: other.id,
      mia,
      max,
      otto,
      hana,
      helperRoleId: helpers.id,
      artistRoleId: artist.id,
      channelId: guild.channels[0].id,
    };
  }

  private async startDashboard(): Promise<void> {
    this.dashboard = await startDashboard({
      AUTH_SECRET: this.authSecret,
      DISCORD_APPLICATION_ID: this.sim.applicationId,
      DISCORD_CLIENT_SECRET: this.sim.options.clientSecret,
      DISCORD_OAUTH_URL: this.sim.url,
      DISCORD_API_URL: this.sim.apiUrl,
      DISCORD_TOKEN: this.sim.botToken,
      XP_URL: this.urls.xp,
      ROLES_URL: this.urls.roles,
      ONBOARDING_URL: this.urls.onboarding,
      NATS_URL,
      EVENT_NAMESPACE: this.namespace,
      // Short, so a test sees a demotion or a member leaving take effect without waiting minutes.
      SESSION_RECHECK_SECONDS: String(SESSION_RECHECK_SECONDS),
      // Every test signs in from 127.0.0.1; the per-address limit has its own test and dashboard.
      SIGN_IN_LIMIT_PER_ADDRESS: '500',
    });
    this.urls.dashboard = this.dashboard.url;
  }

  get log(): string {
    return this.dashboard?.log() ?? '';
  }

  /** Calls a service directly, as the dashboard would, e.g. to seed the catalog. */
  async service<T>(
    base: string,
    path: string,
    who: { sub: string; role: Role; guildId?: string },
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const aud = (['xp', 'roles', 'onboarding'] as const).find((name) => this.urls[name] === base);
    if (!aud) throw new Error(`${base} is none of the platform's services`);
    const token = signServiceToken(this.authSecret, {
      sub: who.sub,
      guildId: who.guildId ?? this.people.guildId,
      role: who.role,
      aud,
    });
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Messages `count` times from `userId`, each past the XP cooldown (XP is decided by message time). */
  chat(userId: string, count: number, startAt: number): number {
    let t = startAt;
    for (let i = 0; i < count; i++) {
      this.sim.postMessage({
        guildId: this.people.guildId,
        channelId: this.people.channelId,
        authorId: userId,
        content: `hello ${i}`,
        timestamp: new Date(t).toISOString(),
      });
      t += 61_000;
    }
    return t;
  }

  async stop(): Promise<void> {
    await this.dashboard?.stop();
    for (const s of [...this.services].reverse()) await s.stop().catch(() => undefined);
    await this.sim.stop().catch(() => undefined);
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    for (const s of ['xp', 'roles', 'onboarding', 'gateway'])
      await db.query(`DROP SCHEMA IF EXISTS "${this.schema(s)}" CASCADE`).catch(() => undefined);
    await db.end();
    const nc = await connectNats(NATS_URL, `dashboard-test-${this.id}`);
    await deleteStreams(nc, new Topology(this.namespace)).catch(() => undefined);
    await deleteSessionBucket(nc, this.namespace);
    await nc.close();
  }
}

/** How often the platform's dashboard confirms a session's guilds and roles again. */
export const SESSION_RECHECK_SECONDS = 4;

/** The dashboard's sessions of a test's namespace (the bucket outlives the dashboard). */
export async function deleteSessionBucket(nc: NatsConnection, namespace: string): Promise<void> {
  await jetstreamManager(nc)
    .then((jsm) => jsm.streams.delete(`KV_${sessionBucket(namespace)}`))
    .catch(() => undefined);
}

export interface RunningDashboard {
  readonly url: string;
  /** The last 20,000 characters it printed. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The dashboard's production build (built first if its sources changed) under `next start` on a
 * free loopback port, with `env` on top of this process's; resolves once it serves pages.
 */
export async function startDashboard(env: NodeJS.ProcessEnv): Promise<RunningDashboard> {
  ensureDashboardBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: DASHBOARD_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DASHBOARD_URL: url,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  try {
    await waitFor(
      async () => (await fetch(`${url}/api/session`).catch(() => undefined))?.ok === true,
      60_000,
      () => `dashboard did not start:\n${output}`,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, log: () => output, stop };
}

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  message: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
