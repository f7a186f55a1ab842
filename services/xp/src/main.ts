import { runService } from '@guildhall/platform';
import { startXpService } from './app';

void runService(async () => (await startXpService()).stop, { name: 'xp' });
