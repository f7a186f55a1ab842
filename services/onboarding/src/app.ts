import { DirectoryProjection } from '@guildhall/guild-directory';
import { ServiceKit, startHttp } from '@guildhall/platform';
import { onboardingConfig } from './config';
import { DISCORD_SUBJECTS, OnboardingHandler, RESULT_SUBJECTS } from './events/discord-events.handler';
import { FactStore } from './events/fact-store';
import { ONBOARDING_MIGRATIONS } from './migrations';
import { OnboardingModule } from './onboarding.module';
import { Projections } from './projections/projections';

export interface OnboardingService {
  port: number;
  stop(): Promise<void>;
  kit: ServiceKit;
}

/** Migrates, starts both consumers (Discord facts; the gateway's action results) and the HTTP API. */
export async function startOnboardingService(
  env: NodeJS.ProcessEnv = process.env,
): Promise<OnboardingService> {
  const config = onboardingConfig(env);
  const kit = await ServiceKit.start({ config: config.base, migrations: ONBOARDING_MIGRATIONS });
  try {
    const store = new FactStore(config.base.schema, new Projections(config.base.schema), kit.outbox);
    const handler = new OnboardingHandler(
      store,
      new DirectoryProjection(config.base.schema),
      config.dashboardUrl,
    );
    const handle = handler.handle.bind(handler);
    await kit.consume({
      name: 'onboarding-discord',
      stream: 'DISCORD',
      filterSubjects: DISCORD_SUBJECTS,
      batchSize: config.batchSize,
      handle,
    });
    await kit.consume({
      name: 'onboarding-results',
      stream: 'DOMAIN',
      filterSubjects: RESULT_SUBJECTS,
      batchSize: config.batchSize,
      handle,
    });
    const app = await startHttp(OnboardingModule.forKit(kit, store), kit);
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
