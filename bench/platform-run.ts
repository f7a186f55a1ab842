import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { deleteStreams, Topology } from '@guildhall/eventing';
import type { NatsConnection } from '@nats-io/nats-core';
import { freePort, httpJson, ServiceProcess, waitUntil } from './lib/processes';

export const TOKEN = 'bench-bot-token';
export const APPLICATION_ID = '1300000000000000001';
export const CLIENT_SECRET = 'bench-client-secret';

export type BenchService = 'xp' | 'roles' | 'onboarding';

export interface StartOptions {
  /** false leaves Discord's side to the caller (see start()). */
  gateway?: boolean;
  /** Given to every service and the gateway, e.g. `EVENT_PARTITIONS`. */
  env?: Record<string, string>;
  /** Processes per service (1 each by default); replicas after the first are named `xp-2`, `xp-3`… */
  replicas?: Partial<Record<BenchService, number>>;
}

/**
 * The platform as `npm start` runs it, one process per part, on a private namespace and private
 * schemas: the Discord simulator, the gateway (unmodified discord.js) and the services.
 */
export class PlatformRun {
  readonly id = randomBytes(3).toString('hex');
  readonly namespace = `bench${this.id}`;
  readonly authSecret = randomBytes(32).toString('hex');
  readonly schemas = {
    xp: `bench_xp_${this.id}`,
    gateway: `bench_gw_${this.id}`,
    roles: `bench_roles_${this.id}`,
    onboarding: `bench_ob_${this.id}`,
  };
  readonly processes: ServiceProcess[] = [];
  /** The log's layout every process of this run was given (EVENT_PARTITIONS), for publishers and cleanup. */
  topology = new Topology(this.namespace);
  simUrl = '';
  ports: Record<string, number> = {};
  db!: Client;

  constructor(
    private readonly databaseUrl: string,
    private readonly natsUrl: string,
  ) {}

  /**
   * `gateway: false` leaves Discord's side to the caller, who then publishes onto DISCORD itself
   * (the simulator still runs: the dashboard signs in and reads role names there).
   */
  async start(services: BenchService[], options: StartOptions = {}): Promise<void> {
    this.topology = new Topology(this.namespace, Number(options.env?.EVENT_PARTITIONS ?? 1));
    this.db = new Client({ connectionString: this.databaseUrl });
    await this.db.connect();
    const simPort = await freePort();
    this.simUrl = `http://127.0.0.1:${simPort}`;
    this.processes.push(
      ServiceProcess.start('discord-sim', 'tools/discord-sim/src/main.ts', {
        PORT: String(simPort),
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_CLIENT_SECRET: CLIENT_SECRET,
      }),
    );
    await waitUntil(
      'the simulator',
      async () => (await httpJson('GET', `${this.simUrl}/_sim/health`)).status === 200,
    );
    const common = {
      NODE_ENV: 'production',
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.natsUrl,
      EVENT_NAMESPACE: this.namespace,
      AUTH_SECRET: this.authSecret,
      ...options.env,
    };
    for (const service of services) {
      for (let r = 1; r <= (options.replicas?.[service] ?? 1); r++) {
        // The first keeps the service's name: ports.xp and pid('xp') mean what they always did.
        const name = r === 1 ? service : `${service}-${r}`;
        this.ports[name] = await freePort();
        this.processes.push(
          ServiceProcess.start(name, `services/${service}/src/main.ts`, {
            ...common,
            PORT: String(this.ports[name]),
            DB_SCHEMA: this.schemas[service],
          }),
        );
      }
    }
    if (options.gateway !== false) {
      this.ports.gateway = await freePort();
      this.processes.push(
        ServiceProcess.start('gateway', 'services/gateway/src/main.ts', {
          ...common,
          PORT: String(this.ports.gateway),
          DB_SCHEMA: this.schemas.gateway,
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: APPLICATION_ID,
          DISCORD_API_URL: `${this.simUrl}/api`,
        }),
      );
    }
    for (const [name, port] of Object.entries(this.ports))
      await waitUntil(
        `${name} /health`,
        async () => (await httpJson('GET', `http://127.0.0.1:${port}/health`)).status === 200,
        120_000,
      );
  }

  /** The operating-system process of one part, e.g. to pause it while a backlog builds. */
  pid(name: string): number {
    const pid = this.processes.find((p) => p.name === name)?.child.pid;
    if (pid === undefined) throw new Error(`no ${name} process in this run`);
    return pid;
  }

  /** Every replica's process of a service (`xp`, `xp-2`, …). */
  pids(service: BenchService): number[] {
    return this.processes
      .filter((p) => p.name === service || p.name.startsWith(`${service}-`))
      .map((p) => p.child.pid as number);
  }

  sim(method: string, path: string, body?: unknown) {
    return httpJson(method, `${this.simUrl}/_sim${path}`, body);
  }

  async waitForBot(): Promise<void> {
    await waitUntil(
      'the gateway to connect',
      async () => {
        const sessions = (await this.sim('GET', '/gateway/sessions')).body as { connected: boolean }[];
        return sessions.some((s) => s.connected);
      },
      60_000,
    );
  }

  async stop(nc: NatsConnection): Promise<void> {
    for (const p of [...this.processes].reverse()) await p.stop();
    for (const schema of Object.values(this.schemas))
      await this.db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await deleteStreams(nc, this.topology).catch(() => undefined);
  }
}
