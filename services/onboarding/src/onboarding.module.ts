import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryProjection, GuildDirectoryController } from '@guildhall/guild-directory';
import { PlatformModule, ServiceKit } from '@guildhall/platform';
import type { OnboardingConfig } from './config';
import { QUIZ_ATTEMPT_LIMITS } from './domain/quiz-limits';
import { OnboardingHandler } from './events/discord-events.handler';
import { FactStore } from './events/fact-store';
import { OnboardingEventsController } from './events/onboarding-events.controller';
import { GuildTransactions } from './http/guild-transaction';
import { HistoryController } from './http/history.controller';
import { MemberProgressService } from './http/member-progress.service';
import { MembersController } from './http/members.controller';
import { QuizAttemptsService } from './http/quiz-attempts.service';
import { RulesController } from './http/rules.controller';
import { RulesService } from './http/rules.service';
import { SetupController } from './http/setup.controller';
import { SetupService } from './http/setup.service';
import { Projections } from './projections/projections';
import { SettingsHistory } from './projections/settings-history';

/** Wiring only: the HTTP API and the JetStream consumers (OnboardingEventsController). */
@Module({})
export class OnboardingModule {
  static forKit(kit: ServiceKit, config: OnboardingConfig): DynamicModule {
    const schema = config.base.schema;
    const store = new FactStore(schema, new Projections(schema), kit.outbox);
    return {
      module: OnboardingModule,
      imports: [PlatformModule.forKit(kit)],
      controllers: [
        SetupController,
        RulesController,
        MembersController,
        HistoryController,
        GuildDirectoryController,
        OnboardingEventsController,
      ],
      providers: [
        { provide: FactStore, useValue: store },
        {
          provide: OnboardingHandler,
          useValue: new OnboardingHandler(store, new DirectoryProjection(schema), config.dashboardUrl),
        },
        { provide: SettingsHistory, useFactory: () => new SettingsHistory(kit.config.schema) },
        GuildTransactions,
        { provide: QUIZ_ATTEMPT_LIMITS, useValue: config.quizAttemptLimits },
        SetupService,
        RulesService,
        QuizAttemptsService,
        MemberProgressService,
      ],
    };
  }
}
