import { DynamicModule, Module } from '@nestjs/common';
import { GuildDirectoryController } from '@guildhall/guild-directory';
import { PlatformModule, ServiceKit } from '@guildhall/platform';
import { FactStore } from './events/fact-store';
import { GuildTransactions } from './http/guild-transaction';
import { HistoryController } from './http/history.controller';
import { MemberProgressService } from './http/member-progress.service';
import { MembersController } from './http/members.controller';
import { QuizAttemptsService } from './http/quiz-attempts.service';
import { RulesController } from './http/rules.controller';
import { RulesService } from './http/rules.service';
import { SetupController } from './http/setup.controller';
import { SetupService } from './http/setup.service';
import { SettingsHistory } from './projections/settings-history';

@Module({})
export class OnboardingModule {
  static forKit(kit: ServiceKit, store: FactStore): DynamicModule {
    return {
      module: OnboardingModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [
        SetupController,
        RulesController,
        MembersController,
        HistoryController,
        GuildDirectoryController,
      ],
      providers: [
        { provide: FactStore, useValue: store },
        { provide: SettingsHistory, useFactory: () => new SettingsHistory(kit.config.schema) },
        GuildTransactions,
        SetupService,
        RulesService,
        QuizAttemptsService,
        MemberProgressService,
      ],
    };
  }
}
