import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ServiceKit, startConsumers, startHttp } from '@guildhall/platform';
import { registerCommands, startupRegistrationId } from './commands/interactions.handler';
import { xpConfig } from './config';
import { XP_MIGRATIONS } from './migrations';
import { GuildDirectory } from './projections/guild-directory';
import { XpModule } from './xp.module';

export interface RunningXpService {
  port: number;
  kit: ServiceKit;
  stop(): Promise<void>;
}

const logger = new Logger('xp');

/** Migrates, serves HTTP, starts the consumers. Used by main.ts, the tests and the benchmark. */
export async function startXpService(env: NodeJS.ProcessEnv = process.env): Promise<RunningXpService> {
  const config = xpConfig(env);
  const kit = await ServiceKit.start({ config: config.base, migrations: XP_MIGRATIONS });
  try {
    const app = await startHttp(XpModule.forKit(kit, config), kit);
    await registerForKnownGuilds(kit, app.get(GuildDirectory));
    await startConsumers(app, kit, { settings: config });
    const port = (app.getHttpServer().address() as AddressInfo).port;
    logger.log(
      `listening on ${port}, schema ${config.base.schema}, namespace "${config.base.eventNamespace}"`,
    );
    let stopped: Promise<void> | undefined;
    // Closing the Nest app stops the kit too (PlatformModule's shutdown hook).
    const stop = () => (stopped ??= app.close().then(() => kit.stop()));
    return { port, kit, stop };
  } catch (e) {
    await kit.stop().catch(() => undefined);
    throw e;
  }
}

/** A new command set (or a fresh deploy) reaches every guild we know without waiting for a resync. */
async function registerForKnownGuilds(kit: ServiceKit, guilds: GuildDirectory): Promise<void> {
  const ids = await guilds.all(kit.pool);
  if (ids.length === 0) return;
  const now = new Date();
  const client = await kit.pool.connect();
  try {
    await kit.outbox.add(
      client,
      ids.map((g) => registerCommands(g, startupRegistrationId(g), now)),
    );
  } finally {
    client.release();
  }
  kit.relay.wake();
}
