import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { DiscordSimulator } from '@guildhall/discord-sim';
import { ServiceProcess, type ServiceName } from '@guildhall/harness';
import { PrivateNats, PrivatePostgres, type PrivateServer } from '@guildhall/testing';

export const PARTS: readonly ServiceName[] = ['xp', 'roles', 'onboarding', 'gateway'];

/**
 * The platform as `npm start` runs it, each service its own process, on a Postgres and a NATS of
 * its own that faults may crash (never the shared 5432/4222), with the Discord simulator in this
 * process so its record of REST calls can be read directly. One owner for all of it: `stop`
 * ends what `start` began, in reverse, and removes the servers' data.
 */
export class ChaosPlatform {
  readonly authSecret = randomBytes(32).toString('hex');
  readonly sim = new DiscordSimulator({ port: 0 });
  private readonly parts = new Map<ServiceName, ServiceProcess>();
  /** The new process of a rolling deploy while the old one still runs. */
  private readonly replacements = new Map<ServiceName, ServiceProcess>();
  /** Replicas beyond the one of each part (scale-out runs), in the order they started. */
  private readonly replicas: ServiceProcess[] = [];
  private starts = 0;

  private constructor(
    readonly postgres: PrivateServer,
    readonly nats: PrivateServer,
    /** The driver's own reads of the services' schemas. */
    readonly db: Pool,
    readonly logDir: string,
    /** Added to every process's environment (EVENT_PARTITIONS for a scale-out run). */
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Servers and simulator only: the caller creates the guild before the parts start, as Discord would have it. */
  static async create(logRoot: string, env: NodeJS.ProcessEnv = {}): Promise<ChaosPlatform> {
    const logDir = path.join(logRoot, randomBytes(3).toString('hex'));
    mkdirSync(logDir, { recursive: true });
    const postgres = await PrivatePostgres.start();
    const nats = await PrivateNats.start().catch(async (e) => {
      await postgres.dispose();
      throw e;
    });
    const db = new Pool({ connectionString: postgres.url, max: 2 });
    // A crashed Postgres ends idle connections; the pool replaces them, the error is expected.
    db.on('error', () => undefined);
    const platform = new ChaosPlatform(postgres, nats, db, logDir, env);
    await platform.sim.start();
    return platform;
  }

  async startParts(): Promise<void> {
    // Services first, so the gateway's first guild.synced finds their consumers ready.
    await Promise.all(PARTS.filter((n) => n !== 'gateway').map((n) => this.start(n)));
    await this.start('gateway');
  }

  url(name: ServiceName): string {
    const part = this.parts.get(name);
    if (!part) throw new Error(`${name} is not running`);
    return part.url;
  }

  /** Parts that died without being told to: a fault run must not go on as if they were fine. */
  deadParts(): string[] {
    return [...this.parts.values()].filter((p) => !p.running).map((p) => `${p.name}:\n${p.recentOutput}`);
  }

  async kill(name: ServiceName): Promise<void> {
    await this.parts.get(name)?.kill();
    this.parts.delete(name);
  }

  async start(name: ServiceName): Promise<void> {
    this.parts.set(name, await this.spawn(name));
  }

  /** Starts a second process of `name` beside the running one, as the new pod of a rolling update. */
  async startReplacement(name: ServiceName): Promise<void> {
    this.replacements.set(name, await this.spawn(name));
  }

  /** SIGTERM to the old process; the replacement carries on alone. */
  async retire(name: ServiceName): Promise<void> {
    const replacement = this.replacements.get(name);
    if (!replacement) throw new Error(`no replacement of ${name} is running`);
    await this.parts.get(name)?.stop();
    this.parts.set(name, replacement);
    this.replacements.delete(name);
  }

  /** One more process of `name`, with its own additions to the environment (a gateway's SHARD_IDS). */
  async startReplica(name: ServiceName, env: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
    const replica = await this.spawn(name, env);
    this.replicas.push(replica);
    return replica;
  }

  async stop(): Promise<void> {
    const processes = [
      ...[...this.replicas].reverse(),
      ...this.replacements.values(),
      ...[...this.parts.values()].reverse(),
    ];
    for (const p of processes) await p.stop().catch(() => undefined);
    await this.sim.stop().catch(() => undefined);
    await this.db.end().catch(() => undefined);
    await this.nats.dispose().catch(() => undefined);
    await this.postgres.dispose().catch(() => undefined);
  }

  private spawn(name: ServiceName, extra: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_SECRET: this.authSecret,
      DATABASE_URL: this.postgres.url,
      NATS_URL: this.nats.url,
      // Private servers: the names `npm start` uses, no namespace needed.
      DB_SCHEMA: name,
      EVENT_NAMESPACE: '',
      DISCORD_TOKEN: this.sim.botToken,
      DISCORD_APPLICATION_ID: this.sim.applicationId,
      DISCORD_API_URL: this.sim.apiUrl,
    };
    // Last, so a run's own settings win over the defaults above.
    Object.assign(env, this.env, extra);
    const logFile = path.join(this.logDir, `${name}-${++this.starts}.log`);
    return ServiceProcess.start(name, env, { logFile });
  }
}
