import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import type { AnyEnvelope } from '@guildhall/contracts';
import { lastValueFrom } from 'rxjs';
import type { KitConsumerOptions } from '../kit/service-kit';
import { BatchContext } from './batch-context';
import type { BatchOptions, BatchOptionsSource } from './on-batch.decorator';

/** What the transport needs of the kit: starting a consumer it will also stop. */
export interface ConsumerHost {
  consume(opts: KitConsumerOptions): Promise<unknown>;
}

/**
 * JetStream as a Nest transport: every `@OnBatch` handler (or one added with `addBatchHandler`)
 * becomes a durable consumer of the kit, with its lease, ordered batches, retries, checkpoint
 * and dead letters. Consumers start in the order their handlers were registered; the kit stops
 * them when the app closes.
 */
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  constructor(
    private readonly host: ConsumerHost,
    /** Handed to handlers whose options are a function of the service's configuration. */
    private readonly settings?: unknown,
  ) {
    super();
  }

  /** For consumers computed at start-up (the gateway's action lanes) rather than declared. */
  addBatchHandler(
    consumer: string,
    options: BatchOptions,
    handle: (batch: AnyEnvelope[], ctx: BatchContext) => Promise<void>,
  ): void {
    // Called directly, not through Nest's RPC pipeline, so its errors arrive as they are.
    this.addHandler(consumer, handle as MessageHandler, true, { batch: options });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [consumer, handler] of this.getHandlers()) {
        const source = (handler.extras as { batch?: BatchOptionsSource<unknown> } | undefined)?.batch;
        if (!handler.isEventHandler || !source)
          throw new Error(`${consumer} is not a batch handler: declare it with @OnBatch`);
        const options = typeof source === 'function' ? source(this.settings) : source;
        await this.host.consume({
          ...options,
          name: consumer,
          handle: (batch, tx, prepared) => this.invoke(handler, batch, new BatchContext([tx, prepared])),
        });
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  /** The kit stops the consumers, after the app's HTTP side and before NATS and the pool. */
  close(): void {}

  on(): never {
    throw new Error('the JetStream transport has no events to listen to');
  }

  unwrap<T>(): T {
    throw new Error('the JetStream transport wraps no client of its own: use the kit');
  }

  private async invoke(handler: MessageHandler, batch: AnyEnvelope[], ctx: BatchContext): Promise<void> {
    await lastValueFrom(this.transformToObservable(await handler(batch, ctx)), { defaultValue: undefined });
  }
}
