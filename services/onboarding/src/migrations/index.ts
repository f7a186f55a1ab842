import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { OnboardingSchema1767225600000 } from './1767225600000-onboarding-schema';
import { SettingsHistoryIndexes1767398400000 } from './1767398400000-settings-history-indexes';
import { GuildDirectory1767398500000 } from './1767398500000-guild-directory';
import { SetupProposal1767744000000 } from './1767744000000-setup-proposal';
import { QuizAttemptIndexes1767900300000 } from './1767900300000-quiz-attempt-indexes';

/** In order; each runs once per schema. */
export const ONBOARDING_MIGRATIONS = [
  OnboardingSchema1767225600000,
  SettingsHistoryIndexes1767398400000,
  GuildDirectory1767398500000,
  SetupProposal1767744000000,
  EventingUpgrade1767800000000,
  QuizAttemptIndexes1767900300000,
];
