import { runService } from '@guildhall/platform';
import { startOnboardingService } from './app';

void runService(async () => (await startOnboardingService()).stop, { name: 'onboarding' });
