import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { actionSubject, envelope, type Envelope } from '@guildhall/contracts';
import { DiscordSimulator } from '@guildhall/discord-sim';
import { connectNats, deleteStreams, Publisher, Topology } from '@guildhall/eventing';
import { DATABASE_URL, NATS_URL, waitFor } from '@guildhall/testing';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { Client as PgClient } from 'pg';
import { startGatewayService, type GatewayService } from '../src/app';

/**
 * What a gateway actions test runs against: the simulator, the real gateway (discord.js
 * connected to it) on a private schema and event namespace, a publisher onto ACTIONS and the
 * action results as they come back. Create the simulator's guilds between `startSimulator`
 * and `startGateway`, so the gateway's first connection receives them.
 */
export class ActionWorld {
  readonly suffix = randomBytes(4).toString('hex');
  readonly schema: string;
  sim!: DiscordSimulator;
  gateway!: GatewayService;
  db!: PgClient;
  private readonly namespace: string;
  private readonly topology: Topology;
  private nc: NatsConnection | undefined;
  private sub: Subscription | undefined;
  private publisher!: Publisher;
  /** Result events by action id, with the order they arrived in. */
  private readonly results = new Map<string, { event: Envelope; n: number }>();
  private seq = 0;

  constructor(private readonly name: string) {
    this.namespace = `${name}${this.suffix}`;
    this.schema = `${name}_${this.suffix}`;
    this.topology = new Topology(this.namespace);
  }

  async startSimulator(): Promise<DiscordSimulator> {
    this.sim = new DiscordSimulator({ port: 0 });
    await this.sim.start();
    return this.sim;
  }

  /** `env`: more of the gateway's environment (SHARD_IDS, SHARD_COUNT…). */
  async startGateway(env: Record<string, string> = {}): Promise<void> {
    this.nc = await connectNats(NATS_URL, `${this.name}-e2e`);
    let n = 0;
    this.sub = this.nc.subscribe(`${this.namespace}.gateway.>`, {
      callback: (_err, m) => {
        const e = m.json<Envelope<{ actionId?: string }>>();
        if (e.data.actionId) this.results.set(e.data.actionId, { event: e, n: ++n });
      },
    });
    this.gateway = await startGatewayService({
      NODE_ENV: 'test',
      DATABASE_URL,
      NATS_URL,
      DB_SCHEMA: this.schema,
      EVENT_NAMESPACE: this.namespace,
      PORT: '0',
      DISCORD_TOKEN: this.sim.botToken,
      DISCORD_API_URL: this.sim.apiUrl,
      ...env,
    });
    this.publisher = new Publisher(this.nc, this.topology);
    this.db = new PgClient({ connectionString: DATABASE_URL });
    await this.db.connect();
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    this.sub?.unsubscribe();
    if (this.nc) {
      await deleteStreams(this.nc, this.topology);
      await this.nc.close();
    }
    await this.db?.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    await this.db?.end();
    await this.sim?.stop();
  }

  /** An action of `guildId` with an id of its own. */
  action(guildId: string, kind: string, data: Record<string, unknown>, occurredAt = new Date()): Envelope {
    return envelope({
      id: `${this.name}-${this.suffix}-${++this.seq}`,
      type: kind,
      guildId,
      occurredAt,
      source: 'e2e',
      data,
    });
  }

  publish(actions: Envelope[]): Promise<void> {
    return this.publisher.publishMany(
      actions.map((a) => ({ subject: actionSubject(a.guildId, a.type), envelope: a })),
    );
  }

  /** The result event of each action, once all have come back. */
  resultsOf(actions: Envelope[], timeoutMs = 20_000): Promise<Envelope[]> {
    return waitFor(
      `results of ${actions.length} actions`,
      async () => {
        const found = actions.map((a) => this.results.get(a.id)?.event);
        return found.every((r) => r !== undefined) ? (found as Envelope[]) : undefined;
      },
      timeoutMs,
    );
  }

  hasResult(actionId: string): boolean {
    return this.results.has(actionId);
  }

  /** 1 for the first result that came back, 2 for the next… */
  arrivalOf(actionId: string): number | undefined {
    return this.results.get(actionId)?.n;
  }

  /** The gateway's GET /metrics. */
  async metrics(): Promise<string> {
    return (await fetch(`http://127.0.0.1:${this.gateway.port}/metrics`)).text();
  }
}
