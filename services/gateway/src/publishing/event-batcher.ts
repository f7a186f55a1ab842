import type { OutgoingMessage } from '@guildhall/eventing';

export interface BatchPublisher {
  publishMany(items: OutgoingMessage[]): Promise<void>;
}

export interface EventBatcherOptions<T extends OutgoingMessage = OutgoingMessage> {
  /** Most envelopes per publishMany. */
  maxBatch: number;
  /** How long the first envelope of a batch waits for company. */
  lingerMs: number;
  /**
   * At this many waiting envelopes (NATS slow or down) `onFull` asks the source to stop
   * reading; `onRoom` lets it read again once half of them are out. Nothing is dropped.
   */
  maxQueued: number;
  onFull?(): void;
  onRoom?(): void;
  /** A batch the stream acknowledged, in the order pushed. */
  onPublished?(batch: readonly T[]): void;
  /** Envelopes still unpublished when stop() gave up on them. */
  onAbandoned?(count: number): void;
  onError?(error: unknown, attempt: number): void;
}

const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5000;

/**
 * Collects translated events and publishes them in pipelined batches: one publishMany per
 * batch instead of one round trip per event is what carries tens of thousands of
 * MESSAGE_CREATE per second. One batch is in flight at a time and a failed batch is retried
 * whole before anything after it, so events of a guild reach the stream in the order Discord
 * sent them (a re-sent duplicate is dropped by Nats-Msg-Id). While a batch is in flight the
 * next one fills up, so batches grow with load. A full queue is backpressure, not loss: the
 * source is told to stop reading (Discord keeps what it has not sent for a RESUME).
 */
export class EventBatcher<T extends OutgoingMessage = OutgoingMessage> {
  private queue: T[] = [];
  private full = false;
  private pushed = 0;
  private done = 0;
  private publishWaiters: Array<{ upTo: number; resolve(): void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly publisher: BatchPublisher,
    private readonly opts: EventBatcherOptions<T>,
  ) {}

  get depth(): number {
    return this.queue.length;
  }

  /** Nothing queued and nothing in flight: everything pushed so far is on the stream. */
  get idle(): boolean {
    return this.queue.length === 0 && this.running === undefined;
  }

  /** Resolves once everything pushed before the call is published (or given up at stop). */
  whenPublished(): Promise<void> {
    if (this.done >= this.pushed) return Promise.resolve();
    return new Promise((resolve) => this.publishWaiters.push({ upTo: this.pushed, resolve }));
  }

  push(item: T): void {
    this.pushed++;
    this.queue.push(item);
    if (!this.full && this.queue.length >= this.opts.maxQueued) {
      this.full = true;
      this.opts.onFull?.();
    }
    if (this.running) return;
    if (this.queue.length >= this.opts.maxBatch || this.opts.lingerMs === 0) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.opts.lingerMs);
  }

  /** Resolves once everything pushed so far is published. */
  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    this.kick();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Publishes what is queued (retrying for at most `timeoutMs`), then gives up on the rest:
   * the gateway's stored session still points before it, so the next RESUME replays it.
   */
  async stop(timeoutMs = 5000): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise((r) => (timeout = setTimeout(r, timeoutMs)))]);
    clearTimeout(timeout);
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.queue.length > 0) this.opts.onAbandoned?.(this.queue.length);
    this.queue = [];
    this.advance(this.pushed);
  }

  private advance(done: number): void {
    this.done = done;
    if (this.publishWaiters.length === 0) return;
    const waiting = this.publishWaiters;
    this.publishWaiters = [];
    for (const w of waiting)
      if (w.upTo <= done) w.resolve();
      else this.publishWaiters.push(w);
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 && !this.stopped) this.kick();
      else this.notifyIdle();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch =
        this.queue.length <= this.opts.maxBatch ? this.queue : this.queue.slice(0, this.opts.maxBatch);
      this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
      await this.publishWithRetry(batch);
      if (this.stopped) return;
      if (this.full && this.queue.length <= this.opts.maxQueued / 2) {
        this.full = false;
        this.opts.onRoom?.();
      }
    }
  }

  private async publishWithRetry(batch: T[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.publishMany(batch);
        this.opts.onPublished?.(batch);
        this.advance(this.done + batch.length);
        return;
      } catch (e) {
        this.opts.onError?.(e, attempt);
        if (this.stopped) {
          this.opts.onAbandoned?.(batch.length);
          this.advance(this.done + batch.length);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1))));
      }
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
