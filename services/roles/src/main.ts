import { runService } from '@guildhall/platform';
import { startRolesService } from './app';

void runService(async () => (await startRolesService()).stop, { name: 'roles' });
