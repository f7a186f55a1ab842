import { DynamicModule, Module } from '@nestjs/common';
import { GuildDirectoryController } from '@guildhall/guild-directory';
import { PlatformModule, ServiceKit } from '@guildhall/platform';
import { RolesEventsController } from './events/roles-events.controller';
import { CatalogController } from './http/catalog.controller';
import { HistoryController } from './http/history.controller';
import { StandingController } from './http/standing.controller';
import { MembersController } from './http/members.controller';
import { RewardsController } from './http/rewards.controller';
import { ROLES_RUNTIME, RolesRuntime, RolesService } from './http/roles.service';
import { SettingsRestore } from './http/settings-restore.service';

/** Wiring only: the HTTP API and the JetStream consumers (RolesEventsController). */
@Module({})
export class RolesModule {
  static forKit(kit: ServiceKit, runtime: RolesRuntime): DynamicModule {
    return {
      module: RolesModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [
        CatalogController,
        RewardsController,
        MembersController,
        HistoryController,
        GuildDirectoryController,
        StandingController,
        RolesEventsController,
      ],
      providers: [{ provide: ROLES_RUNTIME, useValue: runtime }, RolesService, SettingsRestore],
    };
  }
}
