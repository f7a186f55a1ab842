import type { OutgoingMessage } from '@guildhall/eventing';

export interface BatchPublisher {
  publishMany(items: OutgoingMessage[]): Promise<void>;
}

export interface EventBatcherOptions {
  /** Most envelopes per publishMany. */
  maxBatch: number;
  /** How long the first envelope of a batch waits for company. */
  lingerMs: number;
  /** Past this many waiting envelopes (NATS down), new ones are dropped and counted rather than exhausting memory. */
  maxQueued: number;
  onPublished?(count: number): void;
  onDropped?(count: number): void;
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
 * next one fills up, so batches grow with load.
 */
export class EventBatcher {
  private queue: OutgoingMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly publisher: BatchPublisher,
    private readonly opts: EventBatcherOptions,
  ) {}

  get depth(): number {
    return this.queue.length;
  }

  push(item: OutgoingMessage): boolean {
    if (this.queue.length >= this.opts.maxQueued) {
      this.opts.onDropped?.(1);
      return false;
    }
    this.queue.push(item);
    if (this.running) return true;
    if (this.queue.length >= this.opts.maxBatch || this.opts.lingerMs === 0) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.opts.lingerMs);
    return true;
  }

  /** Resolves once everything pushed so far is published. */
  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    this.kick();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Publishes what is queued (retrying for at most `timeoutMs`), then refuses further retries. */
  async stop(timeoutMs = 5000): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise((r) => (timeout = setTimeout(r, timeoutMs)))]);
    clearTimeout(timeout);
    this.stopped = true;
    clearTimeout(this.timer);
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
    }
  }

  private async publishWithRetry(batch: OutgoingMessage[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.publishMany(batch);
        this.opts.onPublished?.(batch.length);
        return;
      } catch (e) {
        this.opts.onError?.(e, attempt);
        if (this.stopped) {
          this.opts.onDropped?.(batch.length);
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
