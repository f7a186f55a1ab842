import type { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { GatewayConnection } from './gateway-connection';

/**
 * One identified session. It outlives its socket so that a client can RESUME: while detached,
 * dispatches keep their sequence numbers and wait in the replay buffer.
 */
export class GatewaySession {
  seq = 0;
  connection: GatewayConnection | null = null;
  expiry: NodeJS.Timeout | null = null;
  readonly createdAt = Date.now();
  private replay: string[] = [];
  private firstSeq = 1;

  constructor(
    readonly id: string,
    readonly shardId: number,
    readonly shardCount: number,
    readonly intents: number,
    readonly largeThreshold: number,
    private readonly maxReplay: number,
  ) {}

  /** `json` is the already-serialized `d`, shared by every session receiving the event. */
  dispatch(event: GatewayDispatchEvents | string, json: string): void {
    const s = ++this.seq;
    const frame = `{"op":0,"t":"${event}","s":${s},"d":${json}}`;
    this.replay.push(frame);
    if (this.replay.length > this.maxReplay * 1.25) {
      const drop = this.replay.length - this.maxReplay;
      this.replay.splice(0, drop);
      this.firstSeq += drop;
    }
    this.connection?.writer.push(frame);
  }

  /** Frames after `seq`, or null when some of them were already dropped (→ op 9). */
  framesAfter(seq: number): string[] | null {
    if (seq > this.seq || seq < this.firstSeq - 1) return null;
    return this.replay.slice(seq - this.firstSeq + 1);
  }
}
