import { ServiceKit, startConsumers, startHttp } from '@guildhall/platform';
import { onboardingConfig } from './config';
import { ONBOARDING_MIGRATIONS } from './migrations';
import { OnboardingModule } from './onboarding.module';

export interface OnboardingService {
  port: number;
  stop(): Promise<void>;
  kit: ServiceKit;
}

/** Migrates, starts the HTTP API and both consumers (Discord facts; the gateway's action results). */
export async function startOnboardingService(
  env: NodeJS.ProcessEnv = process.env,
): Promise<OnboardingService> {
  const config = onboardingConfig(env);
  const kit = await ServiceKit.start({ config: config.base, migrations: ONBOARDING_MIGRATIONS });
  try {
    const app = await startHttp(OnboardingModule.forKit(kit, config), kit);
    await startConsumers(app, kit, { settings: config });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : config.base.port;
    return {
      port,
      kit,
      stop: async () => {
        // Closing the app stops the kit too (PlatformModule); stop() again is a no-op if so.
        await app.close();
        await kit.stop();
      },
    };
  } catch (e) {
    await kit.stop().catch(() => undefined);
    throw e;
  }
}
