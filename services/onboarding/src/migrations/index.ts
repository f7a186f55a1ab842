import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { OnboardingSchema1767225600000 } from './1767225600000-onboarding-schema';
import { SettingsHistoryIndexes1767398400000 } from './1767398400000-settings-history-indexes';
import { GuildDirectory1767398500000 } from './1767398500000-guild-directory';
import { SetupProposal1767744000000 } from './1767744000000-setup-proposal';

/** In order; each runs once per schema. */
export const ONBOARDING_MIGRATIONS = [
  OnboardingSchema1767225600000,
  SettingsHistoryIndexes1767398400000,
  GuildDirectory1767398500000,
  SetupProposal1767744000000,
  EventingUpgrade1767800000000,
];
