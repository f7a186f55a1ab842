import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { PlatformKit } from '../kit/kit-token';
import { signalsHandledByRunService } from '../run-service';
import { requestMetrics } from './request-metrics';

/** A module class or a DynamicModule, as NestFactory.create accepts. */
export type EntryModule = Parameters<typeof NestFactory.create>[0];

/** Creates the Nest app for `module` (which imports PlatformModule.forKit(kit)) and listens on kit.config.host:port. */
export async function startHttp(module: EntryModule, kit: PlatformKit): Promise<INestApplication> {
  const quiet: LogLevel[] = ['error'];
  const app = await NestFactory.create(module, {
    logger: process.env.NODE_ENV === 'test' ? quiet : undefined,
  });
  // Under runService the stop function owns shutdown; two signal handlers would close the app twice.
  if (!signalsHandledByRunService()) app.enableShutdownHooks();
  app.use(requestMetrics());
  await app.listen(kit.config.port, kit.config.host);
  return app;
}

/** The loopback URL of a listening app, e.g. for tests that started it on port 0. */
export function httpUrl(app: INestApplication): string {
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}
