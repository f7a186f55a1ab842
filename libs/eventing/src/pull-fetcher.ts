import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';

const ACK = Uint8Array.of(43, 65, 67, 75); // "+ACK"
const ACK_PREFIX = '$JS.ACK.';
/**
 * Slack on top of the server-side expiry before we stop waiting for a pull's 408. Under load
 * NATS 2.9 sometimes never sends it for a partly filled pull; ending the fetch ourselves is
 * safe, because anything the server still sends for that pull is kept for the next fetch.
 */
const CLIENT_GRACE_MS = 50;

export function ack(m: Msg): void {
  m.respond(ACK);
}

/** Asks for redelivery after `delayMs` (0: at once). */
export function nak(m: Msg, delayMs = 0): void {
  m.respond(delayMs > 0 ? `-NAK {"delay":${Math.round(delayMs) * 1_000_000}}` : '-NAK');
}

export interface DeliveryInfo {
  stream: string;
  streamSeq: number;
  deliveryCount: number;
}

/**
 * Reads the JetStream ack subject: `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending>`,
 * or the newer form with `<domain>.<account hash>.` after `$JS.ACK.` and a random token at the end.
 */
export function deliveryInfo(m: Msg): DeliveryInfo {
  const t = (m.reply ?? '').split('.');
  const base = t.length === 9 ? 2 : 4;
  if (t.length < 9 || t[0] !== '$JS' || t[1] !== 'ACK')
    throw new Error(`not a JetStream message: ${m.reply}`);
  return { stream: t[base], deliveryCount: Number(t[base + 2]), streamSeq: Number(t[base + 3]) };
}

/**
 * Pull requests on one long-lived inbox subscription. The client's `fetch()` insists on an
 * expiry of at least 1 s and builds a subscription per call; a consumer polling every
 * 100 ms for batches of 500 wants neither. Each pull answers on its own subject under the
 * inbox, so a status (408 expired, 409 ...) ends only the pull it is about: a late 408 of an
 * earlier pull must not cut the current one short.
 */
export class PullFetcher {
  private readonly inbox = createInbox();
  private readonly nextSubject: string;
  private pulls = 0;
  private replyTo = '';
  private sub: Subscription | undefined;
  private batch: Msg[] = [];
  private want = 0;
  private done: ((msgs: Msg[]) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Messages that arrived after we gave up on their pull request; handed out next time. */
  private late: Msg[] = [];
  /**
   * How the last fetch ended if not by filling up or expiring: e.g. "409 Consumer Deleted",
   * "503" (JetStream unavailable). The caller backs off instead of pulling in a tight loop.
   */
  problem: string | undefined;

  constructor(
    private readonly nc: NatsConnection,
    stream: string,
    consumer: string,
  ) {
    this.nextSubject = `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`;
  }

  open(): void {
    this.sub = this.nc.subscribe(`${this.inbox}.*`, { callback: (_err, m) => this.onMessage(m) });
  }

  /** Up to `max` messages; resolves when that many arrived or the server's `expiresMs` passed. */
  fetch(max: number, expiresMs: number): Promise<Msg[]> {
    if (this.done) throw new Error('a fetch is already in progress');
    const batch = this.late.length > 0 ? this.late.splice(0, max) : [];
    if (batch.length >= max) return Promise.resolve(batch);
    this.problem = undefined;
    return new Promise((resolve) => {
      this.batch = batch;
      this.want = max;
      this.done = resolve;
      this.timer = setTimeout(() => this.finish(), expiresMs + CLIENT_GRACE_MS);
      this.replyTo = `${this.inbox}.${++this.pulls}`;
      const request = `{"batch":${max - batch.length},"expires":${Math.round(expiresMs) * 1_000_000}}`;
      this.nc.publish(this.nextSubject, request, { reply: this.replyTo });
    });
  }

  /** Unsubscribes; messages that arrived too late for any fetch go back at once. */
  close(): void {
    this.finish();
    for (const m of this.late) nak(m);
    this.late = [];
    this.sub?.unsubscribe();
    this.sub = undefined;
  }

  private onMessage(m: Msg): void {
    if (m.reply === undefined || !m.reply.startsWith(ACK_PREFIX)) {
      // A status: 408 request expired, 409 limits/consumer deleted, 404 none. Each ends the
      // pull it answers; one about an earlier pull that we already stopped waiting for is stale.
      const code = m.headers?.code ?? 0;
      if (code === 100 || m.subject !== this.replyTo || !this.done) return; // 100: idle heartbeat; we never ask for them
      if (code !== 408) this.problem = `${code} ${m.headers?.description ?? ''}`.trim();
      this.finish();
      return;
    }
    if (!this.done) {
      this.late.push(m);
      return;
    }
    this.batch.push(m);
    if (this.batch.length >= this.want) this.finish();
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const done = this.done;
    this.done = undefined;
    if (done) {
      const batch = this.batch;
      this.batch = [];
      done(batch);
    }
  }
}
