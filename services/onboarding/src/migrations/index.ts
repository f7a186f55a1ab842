import { OnboardingSchema1767225600000 } from './1767225600000-onboarding-schema';

/** In order; each runs once per schema. */
export const ONBOARDING_MIGRATIONS = [OnboardingSchema1767225600000];
