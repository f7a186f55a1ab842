import { runService } from '@guildhall/platform';
import { startGatewayService } from './app';

void runService(
  async () => {
    const gateway = await startGatewayService();
    return gateway.stop;
  },
  { name: 'gateway' },
);
