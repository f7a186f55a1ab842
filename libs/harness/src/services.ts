import { startGatewayService } from '@guildhall/gateway';
import { startOnboardingService } from '@guildhall/onboarding';
import { startRolesService } from '@guildhall/roles';
import { startXpService } from '@guildhall/xp';

export type ServiceName = 'gateway' | 'xp' | 'roles' | 'onboarding';

export interface RunningService {
  readonly name: ServiceName;
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

const STARTERS: Record<
  ServiceName,
  (env: NodeJS.ProcessEnv) => Promise<{ port: number; stop(): Promise<void> }>
> = {
  gateway: startGatewayService,
  xp: startXpService,
  roles: startRolesService,
  onboarding: startOnboardingService,
};

/**
 * Starts a service in this process, exactly as its main.ts does, from its public package entry.
 * Tests that need several services start them here, so no service's test imports another service.
 */
export async function startService(name: ServiceName, env: NodeJS.ProcessEnv): Promise<RunningService> {
  const running = await STARTERS[name](env);
  return { name, port: running.port, url: `http://127.0.0.1:${running.port}`, stop: () => running.stop() };
}
