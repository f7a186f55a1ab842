import type { INestApplication } from '@nestjs/common';
import { JetStreamTransport, type ConsumerHost } from './jetstream-transport';

/**
 * Starts the app's batch handlers as durable consumers on JetStream, through the Nest
 * microservice machinery (so guards, interceptors and filters apply as to any handler).
 * `settings` go to handlers whose options depend on configuration; `more` adds handlers
 * computed at start-up before the consumers start.
 */
export async function startConsumers(
  app: INestApplication,
  kit: ConsumerHost,
  opts: { settings?: unknown; more?: (transport: JetStreamTransport) => void } = {},
): Promise<void> {
  const transport = new JetStreamTransport(kit, opts.settings);
  opts.more?.(transport);
  app.connectMicroservice({ strategy: transport });
  await app.startAllMicroservices();
}
