import { DynamicModule, Module } from '@nestjs/common';
import { GuildDirectoryController } from '@guildhall/guild-directory';
import { PlatformModule, ServiceKit } from '@guildhall/platform';
import { HistoryController } from './http/history.controller';
import { MemberSearchController } from './http/member-search.controller';
import { PolicyController } from './http/policy.controller';
import { XpReadsController } from './http/xp-reads.controller';
import { XpReads } from './http/xp-reads.service';
import { PolicyHistory } from './projections/policy-history';

/** Wiring only. PolicyHistory is one instance shared by HTTP and the consumers (one cache). */
@Module({})
export class XpModule {
  static forKit(kit: ServiceKit, policies: PolicyHistory): DynamicModule {
    return {
      module: XpModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [
        XpReadsController,
        MemberSearchController,
        PolicyController,
        HistoryController,
        GuildDirectoryController,
      ],
      providers: [{ provide: PolicyHistory, useValue: policies }, XpReads],
    };
  }
}
