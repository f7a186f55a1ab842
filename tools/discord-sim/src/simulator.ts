import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlRoutes } from './control/control-routes';
import { createControlPipeline } from './control/control-pipeline';
import { SimControl } from './control/sim-control';
import { demoRoutes } from './demo/demo-routes';
import { DemoCommunity, type DemoOptions } from './demo/demo-community';
import { GatewayServer } from './gateway/gateway-server';
import { writeReply } from './http/reply-writer';
import { OAuthStore } from './oauth/oauth-store';
import { CallRecorder } from './rest/call-recorder';
import { FaultInjector } from './rest/fault-injector';
import { createRestPipeline, isApiPath } from './rest/rest-pipeline';
import type { SimContext } from './sim-context';
import { InteractionStore } from './state/interaction-store';
import { SimWorld } from './state/world';

export interface SimulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  host?: string;
  botToken?: string;
  applicationId?: string;
  /** Defaults to the application id, as for every Discord app created since 2019. */
  botUserId?: string;
  botUsername?: string;
  /** OAuth2 client secret expected at /oauth2/token. */
  clientSecret?: string;
  /** Base URL announced to clients (gateway URLs), e.g. behind Docker; default http://host:port. */
  publicUrl?: string;
  /** Discord sends 41250 ms. */
  heartbeatIntervalMs?: number;
  /** Discord: 3000 ms for the first interaction callback. */
  callbackDeadlineMs?: number;
  /** How long /_sim/interactions/* wait for the bot's answer by default (3000 ms). */
  defaultWaitMs?: number;
  /** After a deferral, how long they wait for the edit or follow-up (10000 ms). */
  deferredWaitMs?: number;
  resumeWindowMs?: number;
  maxReplay?: number;
  /** IDENTIFYs per 5 s per bucket announced in /gateway/bot (Discord: 1, or 16+ for large bots). Default 1. */
  maxConcurrency?: number;
  maxMessagesPerChannel?: number;
  maxRecordedCalls?: number;
  /** Serve /_sim to non-loopback clients (only inside a private network). */
  allowRemoteControl?: boolean;
}

export const SIMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  botToken: 'sim-bot-token',
  applicationId: '1300000000000000001',
  botUsername: 'Guildhall',
  clientSecret: 'sim-client-secret',
};

/**
 * A Discord that runs in-process: gateway (WebSocket), REST, OAuth2 and a control API, close
 * enough to the real protocol that the unmodified discord.js client works against it.
 */
export class DiscordSimulator extends SimControl {
  readonly options: SimulatorOptions & typeof SIMULATOR_DEFAULTS;
  private server: Server | null = null;
  private port = 0;
  private demo: DemoCommunity | null = null;

  constructor(opts: SimulatorOptions = {}) {
    const options = { ...SIMULATOR_DEFAULTS, ...opts };
    const world = new SimWorld(
      {
        botToken: options.botToken,
        applicationId: options.applicationId,
        botUserId: options.botUserId ?? options.applicationId,
        botUsername: options.botUsername,
        clientSecret: options.clientSecret,
      },
      options.maxMessagesPerChannel,
    );
    const holder: { sim?: DiscordSimulator } = {};
    const baseUrl = () => holder.sim?.url ?? `http://${options.host}:${options.port ?? 0}`;
    const gateway = new GatewayServer(world, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeWindowMs: options.resumeWindowMs ?? 120_000,
      maxReplay: options.maxReplay ?? 50_000,
      url: () => `${baseUrl().replace(/^http/, 'ws')}/gateway`,
    });
    world.sink = gateway;
    const context: SimContext = {
      world,
      gateway,
      interactions: new InteractionStore(),
      calls: new CallRecorder(options.maxRecordedCalls),
      faults: new FaultInjector(),
      oauth: new OAuthStore(),
      settings: {
        callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
        defaultWaitMs: options.defaultWaitMs ?? 3000,
        deferredWaitMs: options.deferredWaitMs ?? 10_000,
        maxConcurrency: options.maxConcurrency ?? 1,
      },
      baseUrl,
    };
    super(context);
    holder.sim = this;
    this.options = options;
  }

  /** http://host:port once started (publicUrl if given). */
  get url(): string {
    if (this.options.publicUrl) return this.options.publicUrl.replace(/\/$/, '');
    const host =
      this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `http://${host}:${this.port}`;
  }

  /** What a discord.js client needs: `new Client({ rest: { api: sim.apiUrl } })`. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  get botToken(): string {
    return this.options.botToken;
  }

  get applicationId(): string {
    return this.options.applicationId;
  }

  get botUserId(): string {
    return this.sim.world.bot.id;
  }

  get context(): SimContext {
    return this.sim;
  }

  async start(): Promise<{ port: number; url: string }> {
    if (this.server) return { port: this.port, url: this.url };
    const rest = createRestPipeline(this.sim);
    const control = createControlPipeline(
      controlRoutes(this, demoRoutes(this)),
      this.options.allowRemoteControl ?? false,
    );
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const handle = url.pathname.startsWith('/_sim/')
        ? control(req, res, url)
        : isApiPath(url.pathname)
          ? rest(req, res, url)
          : Promise.resolve(writeReply(res, { status: 404, body: { message: '404: Not Found', code: 0 } }));
      handle.catch((error: unknown) => {
        if (!res.headersSent) writeReply(res, { status: 500, body: { message: String(error), code: 0 } });
      });
    });
    server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (path === '/gateway' || path === '/gateway/' || path === '/')
        this.sim.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return { port: this.port, url: this.url };
  }

  async stop(): Promise<void> {
    this.demo?.stop();
    this.demo = null;
    await this.sim.gateway.close();
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Resolves when a bot session has sent READY (optionally: for a given shard). */
  waitForBot(shardId?: number, timeoutMs = 30_000): Promise<void> {
    const connected = () =>
      this.gatewaySessions().some((s) => s.connected && (shardId === undefined || s.shard[0] === shardId));
    if (connected()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.sim.gateway.off('ready', onReady);
        reject(new Error('no bot connected to the simulator gateway'));
      }, timeoutMs);
      timer.unref();
      const onReady = () => {
        if (!connected()) return;
        clearTimeout(timer);
        this.sim.gateway.off('ready', onReady);
        resolve();
      };
      this.sim.gateway.on('ready', onReady);
    });
  }

  /** Creates the "Guildhall Demo" community; its chatter starts once a bot is connected. */
  startDemo(options: DemoOptions = {}): DemoCommunity {
    this.demo?.stop();
    this.demo = new DemoCommunity(this, options);
    this.demo.start();
    return this.demo;
  }

  get demoCommunity(): DemoCommunity | null {
    return this.demo;
  }

  /** Starts a simulator and its demo community in one call. */
  static async startDemo(options: DemoOptions & SimulatorOptions = {}): Promise<DiscordSimulator> {
    const sim = new DiscordSimulator(options);
    await sim.start();
    sim.startDemo(options);
    return sim;
  }
}
