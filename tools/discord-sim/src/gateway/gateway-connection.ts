import { GatewayCloseCodes, GatewayOpcodes, type GatewaySendPayload } from 'discord-api-types/v10';
import type { WebSocket } from 'ws';
import { FrameWriter } from './frame-writer';
import type { GatewaySession } from './gateway-session';

/** What a connection needs from the server once the client says who it is. */
export interface SessionAuthority {
  heartbeatIntervalMs: number;
  identify(
    connection: GatewayConnection,
    payload: Extract<GatewaySendPayload, { op: GatewayOpcodes.Identify }>['d'],
  ): void;
  resume(
    connection: GatewayConnection,
    payload: Extract<GatewaySendPayload, { op: GatewayOpcodes.Resume }>['d'],
  ): void;
  requestMembers(
    connection: GatewayConnection,
    payload: Extract<GatewaySendPayload, { op: GatewayOpcodes.RequestGuildMembers }>['d'],
  ): void;
  /** `code` is the client's close code: 1000/1001 end the session, anything else keeps it resumable. */
  detach(connection: GatewayConnection, code: number): void;
}

/** One WebSocket: HELLO, heartbeats, opcodes in; frames out through a batching writer. */
export class GatewayConnection {
  readonly writer: FrameWriter;
  session: GatewaySession | null = null;
  lastHeartbeatAt = Date.now();

  constructor(
    readonly ws: WebSocket,
    private readonly authority: SessionAuthority,
  ) {
    this.writer = new FrameWriter(ws);
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    ws.on('close', (code) => authority.detach(this, code));
    ws.on('error', () => ws.terminate());
    this.send({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: authority.heartbeatIntervalMs } });
  }

  send(payload: { op: GatewayOpcodes; d: unknown }): void {
    this.writer.sendNow(JSON.stringify(payload));
  }

  close(code: number, reason: string): void {
    this.writer.clear();
    this.ws.close(code, reason);
  }

  private onMessage(text: string | null): void {
    let payload: GatewaySendPayload;
    try {
      if (text === null) throw new Error('binary');
      payload = JSON.parse(text) as GatewaySendPayload;
    } catch {
      return this.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.lastHeartbeatAt = Date.now();
        return this.send({ op: GatewayOpcodes.HeartbeatAck, d: null });
      case GatewayOpcodes.Identify:
        if (this.session) return this.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        return this.authority.identify(this, payload.d);
      case GatewayOpcodes.Resume:
        if (this.session) return this.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        return this.authority.resume(this, payload.d);
      case GatewayOpcodes.RequestGuildMembers:
        if (!this.session) return this.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return this.authority.requestMembers(this, payload.d);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
      case GatewayOpcodes.RequestChannelInfo:
        if (!this.session) return this.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return; // accepted and ignored: presence and voice are not simulated
      default:
        return this.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }
}
