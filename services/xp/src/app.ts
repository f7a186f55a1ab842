import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { DIRECTORY_SUBJECTS, DirectoryProjection } from '@guildhall/guild-directory';
import { ServiceKit, startHttp } from '@guildhall/platform';
import {
  InteractionsHandler,
  registerCommands,
  startupRegistrationId,
} from './commands/interactions.handler';
import { xpConfig } from './config';
import { MessageCreatedHandler } from './events/message-created.handler';
import { XpLedger } from './events/xp-ledger';
import { XP_MIGRATIONS } from './migrations';
import { GuildDirectory } from './projections/guild-directory';
import { LeaderboardProjection } from './projections/leaderboard.projection';
import { MemberXpProjection } from './projections/member-xp.projection';
import { MemberNames } from './projections/member-names';
import { PolicyHistory } from './projections/policy-history';
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
  const schema = config.base.schema;
  const policies = new PolicyHistory(schema);
  const members = new MemberXpProjection(schema);
  const guilds = new GuildDirectory(schema);
  try {
    const app = await startHttp(XpModule.forKit(kit, policies), kit);
    const messages = new MessageCreatedHandler({
      policies,
      members,
      names: new MemberNames(schema),
      ledger: new XpLedger(schema),
      outbox: kit.outbox,
      publishAwarded: config.publishAwarded,
    });
    const interactions = new InteractionsHandler({
      policies,
      members,
      leaderboard: new LeaderboardProjection(schema),
      guilds,
      outbox: kit.outbox,
      pageSize: config.leaderboardPageSize,
    });
    await registerForKnownGuilds(kit, guilds);
    // Interactions have their own consumer so a backlog of messages never delays an answer.
    await kit.consume({
      name: 'xp-interactions',
      stream: 'DISCORD',
      filterSubjects: [
        'discord.*.interaction.command.profile',
        'discord.*.interaction.command.leaderboard',
        'discord.*.interaction.component.xp',
        'discord.*.guild.synced',
      ],
      batchSize: 100,
      maxWaitMs: 20,
      handle: (batch, tx) => interactions.handle(batch, tx),
    });
    // The roles and channels the policy form offers and the policy PUT checks ids against.
    await kit.consume({
      name: 'xp-directory',
      stream: 'DISCORD',
      filterSubjects: DIRECTORY_SUBJECTS,
      batchSize: 100,
      handle: new DirectoryProjection(schema).handler(),
    });
    await kit.consume({
      name: 'xp-messages',
      stream: 'DISCORD',
      filterSubjects: ['discord.*.message.created'],
      batchSize: config.messageBatchSize,
      handle: (batch, tx) => messages.handle(batch, tx),
    });
    const port = (app.getHttpServer().address() as AddressInfo).port;
    logger.log(`listening on ${port}, schema ${schema}, namespace "${config.base.eventNamespace}"`);
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
