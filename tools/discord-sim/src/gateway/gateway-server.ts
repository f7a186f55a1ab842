import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import { guildCreatePayload } from '../state/payloads';
import type { DispatchSink, SimWorld } from '../state/world';
import { GatewayConnection, type SessionAuthority } from './gateway-connection';
import { LoginLog } from './gateway-logins';
import { GatewaySession } from './gateway-session';
import { sendMemberChunks } from './member-chunks';
import { shardOf } from './shard';

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** How long a dropped session stays resumable. */
  resumeWindowMs: number;
  /** Dispatches kept per session for RESUME. */
  maxReplay: number;
  /** ws://host:port/gateway, known once the HTTP server listens. */
  url: () => string;
}

export interface SessionInfo {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  connected: boolean;
  pendingFrames: number;
}

function acceptsToken(given: string | undefined, expected: string): boolean {
  return given === expected || given === `Bot ${expected}`;
}

/** The gateway: sessions by shard, READY/GUILD_CREATE, RESUME, and fan-out of dispatches. */
export class GatewayServer extends EventEmitter implements DispatchSink, SessionAuthority {
  readonly sessions = new Map<string, GatewaySession>();
  /** Every IDENTIFY and RESUME received, with its shard and time. */
  readonly logins = new LoginLog();
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 1024 * 1024,
  });
  private readonly connections = new Set<GatewayConnection>();

  constructor(
    private readonly world: SimWorld,
    private readonly options: GatewayOptions,
  ) {
    super();
  }

  get heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new GatewayConnection(ws, this);
      this.connections.add(connection);
      ws.on('close', () => this.connections.delete(connection));
    });
  }

  identify(connection: GatewayConnection, d: GatewayIdentifyData): void {
    const [shardId, shardCount] = d?.shard ?? [0, 1];
    const refuse = (code: GatewayCloseCodes, reason: string) => {
      this.logins.record({
        op: 'identify',
        shard: [shardId, shardCount],
        sessionId: null,
        outcome: 'refused',
        replayed: 0,
      });
      connection.close(code, reason);
    };
    if (!acceptsToken(d?.token, this.world.identity.botToken))
      return refuse(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if (!(shardCount >= 1) || !(shardId >= 0) || shardId >= shardCount)
      return refuse(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
    if (typeof d.intents !== 'number') return refuse(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
    const largeThreshold = Math.max(50, Math.min(250, d.large_threshold ?? 50));
    const session = new GatewaySession(
      randomBytes(16).toString('hex'),
      shardId,
      shardCount,
      d.intents,
      largeThreshold,
      this.options.maxReplay,
    );
    this.sessions.set(session.id, session);
    this.attach(connection, session);
    this.logins.record({
      op: 'identify',
      shard: [shardId, shardCount],
      sessionId: session.id,
      outcome: 'ready',
      replayed: 0,
    });

    const guilds = [...this.world.guilds.values()].filter(
      (g) => g.members.has(this.world.bot.id) && shardOf(g.id, shardCount) === shardId,
    );
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.world.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: [shardId, shardCount],
      application: { id: this.world.identity.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    session.dispatch(GatewayDispatchEvents.Ready, JSON.stringify(ready));
    for (const guild of guilds) this.sendGuildCreate(session, guild.id);
    this.emit('ready', session);
  }

  resume(connection: GatewayConnection, d: GatewayResumeData): void {
    const session = this.sessions.get(d?.session_id);
    const frames =
      session && acceptsToken(d.token, this.world.identity.botToken) ? session.framesAfter(d.seq ?? 0) : null;
    const shard: [number, number] | null = session ? [session.shardId, session.shardCount] : null;
    if (!session || !frames) {
      this.logins.record({
        op: 'resume',
        shard,
        sessionId: d?.session_id ?? null,
        outcome: 'invalid',
        replayed: 0,
      });
      // d: false = the client must IDENTIFY again; Discord asks it to wait 1-5 s first.
      return connection.send({ op: GatewayOpcodes.InvalidSession, d: false });
    }
    if (session.connection && session.connection !== connection) {
      session.connection.session = null;
      session.connection.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere.');
    }
    this.attach(connection, session);
    this.logins.record({
      op: 'resume',
      shard,
      sessionId: session.id,
      outcome: 'resumed',
      replayed: frames.length,
    });
    for (const frame of frames) connection.writer.push(frame);
    session.dispatch(GatewayDispatchEvents.Resumed, '{}');
    this.emit('resumed', session, frames.length);
  }

  requestMembers(connection: GatewayConnection, d: GatewayRequestGuildMembersData): void {
    if (connection.session) sendMemberChunks(this.world, connection.session, d);
  }

  detach(connection: GatewayConnection, code: number): void {
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // As Discord does: a client closing with 1000 or 1001 ends its session (a later RESUME gets op 9).
    if (code === 1000 || code === 1001) {
      this.sessions.delete(session.id);
      this.emit('ended', session);
      return;
    }
    session.expiry = setTimeout(() => this.sessions.delete(session.id), this.options.resumeWindowMs);
    session.expiry.unref();
  }

  private attach(connection: GatewayConnection, session: GatewaySession): void {
    if (session.expiry) clearTimeout(session.expiry);
    session.expiry = null;
    session.connection = connection;
    connection.session = session;
  }

  private sendGuildCreate(session: GatewaySession, guildId: string): void {
    const guild = this.world.guilds.get(guildId);
    if (!guild) return;
    const payload = guildCreatePayload(guild, this.world.users, this.world.bot.id, session.largeThreshold);
    session.dispatch(GatewayDispatchEvents.GuildCreate, JSON.stringify(payload));
  }

  toGuild(guildId: string, event: GatewayDispatchEvents, data: unknown, intent: number): void {
    let json: string | undefined;
    for (const session of this.sessions.values()) {
      if (intent !== 0 && (session.intents & intent) === 0) continue;
      if (shardOf(guildId, session.shardCount) !== session.shardId) continue;
      json ??= typeof data === 'function' ? (data as () => string)() : JSON.stringify(data);
      session.dispatch(event, json);
    }
  }

  /** The sessions that receive a guild's events (for interactions: who can answer). */
  sessionsFor(guildId: string): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => shardOf(guildId, s.shardCount) === s.shardId);
  }

  guildAdded(guildId: string): void {
    for (const session of this.sessionsFor(guildId)) this.sendGuildCreate(session, guildId);
  }

  info(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      shard: [s.shardId, s.shardCount],
      intents: s.intents,
      seq: s.seq,
      connected: s.connection !== null,
      pendingFrames: s.connection?.writer.pending ?? 0,
    }));
  }

  /**
   * Drops sockets like a network failure (no close frame; the client sees 1006 and resumes),
   * or closes them with a code (e.g. 4000 → resume, 1000 → fresh identify).
   */
  disconnect(filter: { sessionId?: string; shardId?: number; code?: number } = {}): number {
    let count = 0;
    for (const connection of this.connections) {
      const s = connection.session;
      if (filter.sessionId && s?.id !== filter.sessionId) continue;
      if (filter.shardId !== undefined && s?.shardId !== filter.shardId) continue;
      count++;
      if (filter.code) connection.close(filter.code, 'Closed by the simulator.');
      else connection.ws.terminate();
    }
    return count;
  }

  /** Sends op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void {
    for (const connection of this.connections) connection.send({ op: GatewayOpcodes.Reconnect, d: null });
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) if (session.expiry) clearTimeout(session.expiry);
    this.sessions.clear();
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
