export { startOnboardingService, type OnboardingService } from './app';
export { onboardingConfig, type OnboardingConfig } from './config';
