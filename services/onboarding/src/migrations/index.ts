import { OnboardingSchema1767225600000 } from './1767225600000-onboarding-schema';
import { SetupProposal1767744000000 } from './1767744000000-setup-proposal';

/** In order; each runs once per schema. */
export const ONBOARDING_MIGRATIONS = [OnboardingSchema1767225600000, SetupProposal1767744000000];
