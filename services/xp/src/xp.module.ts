import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryProjection, GuildDirectoryController } from '@guildhall/guild-directory';
import { PlatformModule, ServiceKit } from '@guildhall/platform';
import { InteractionsHandler } from './commands/interactions.handler';
import type { XpConfig } from './config';
import { MessageCreatedHandler } from './events/message-created.handler';
import { XpEventsController } from './events/xp-events.controller';
import { XpLedger } from './events/xp-ledger';
import { HistoryController } from './http/history.controller';
import { MemberSearchController } from './http/member-search.controller';
import { PolicyController } from './http/policy.controller';
import { XpReadsController } from './http/xp-reads.controller';
import { XpReads } from './http/xp-reads.service';
import { GuildDirectory } from './projections/guild-directory';
import { LeaderboardProjection } from './projections/leaderboard.projection';
import { MemberNames } from './projections/member-names';
import { MemberXpProjection } from './projections/member-xp.projection';
import { PolicyHistory } from './projections/policy-history';

/**
 * Wiring only: the HTTP API, the JetStream consumers (XpEventsController) and what they
 * share. PolicyHistory is one instance for both (one cache).
 */
@Module({})
export class XpModule {
  static forKit(kit: ServiceKit, config: XpConfig): DynamicModule {
    const schema = config.base.schema;
    return {
      module: XpModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [
        XpReadsController,
        MemberSearchController,
        PolicyController,
        HistoryController,
        GuildDirectoryController,
        XpEventsController,
      ],
      providers: [
        {
          provide: PolicyHistory,
          useValue: new PolicyHistory(schema, {
            cacheBytes: config.policyCacheBytes,
            versionsPerHour: config.policyVersionsPerHour,
          }),
        },
        { provide: MemberXpProjection, useValue: new MemberXpProjection(schema) },
        { provide: GuildDirectory, useValue: new GuildDirectory(schema) },
        { provide: DirectoryProjection, useValue: new DirectoryProjection(schema) },
        {
          provide: MessageCreatedHandler,
          inject: [PolicyHistory, MemberXpProjection],
          useFactory: (policies: PolicyHistory, members: MemberXpProjection) =>
            new MessageCreatedHandler({
              policies,
              members,
              names: new MemberNames(schema),
              ledger: new XpLedger(schema),
              outbox: kit.outbox,
              publishAwarded: config.publishAwarded,
            }),
        },
        {
          provide: InteractionsHandler,
          inject: [PolicyHistory, MemberXpProjection, GuildDirectory],
          useFactory: (policies: PolicyHistory, members: MemberXpProjection, guilds: GuildDirectory) =>
            new InteractionsHandler({
              policies,
              members,
              leaderboard: new LeaderboardProjection(schema),
              guilds,
              outbox: kit.outbox,
              pageSize: config.leaderboardPageSize,
            }),
        },
        XpReads,
      ],
    };
  }
}
