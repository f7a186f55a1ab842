import { runService } from '@guildhall/platform';
import { startGatewayService } from './app';

// A process still waiting for its shards (another process runs them) gives up on SIGTERM at once,
// instead of starting after the signal only to stop again.
const waiting = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => waiting.abort());

void runService(
  async () => {
    try {
      const gateway = await startGatewayService(process.env, {
        signal: waiting.signal,
        // Stopped on its own: exit non-zero, so Kubernetes restarts the pod and it waits its turn.
        onLeaseLost: () => process.exit(1),
      });
      return gateway.stop;
    } catch (e) {
      if (waiting.signal.aborted) return () => undefined;
      throw e;
    }
  },
  { name: 'gateway' },
);
