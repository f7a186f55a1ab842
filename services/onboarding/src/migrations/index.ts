import { OnboardingSchema1767225600000 } from './1767225600000-onboarding-schema';
import { GuildDirectory1767398500000 } from './1767398500000-guild-directory';

/** In order; each runs once per schema. */
export const ONBOARDING_MIGRATIONS = [OnboardingSchema1767225600000, GuildDirectory1767398500000];
