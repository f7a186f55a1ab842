import { DynamicModule, Inject, Module, OnApplicationShutdown, ValidationPipe } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard';
import { KIT, type PlatformKit } from '../kit/kit-token';
import { HealthController } from './health.controller';
import { metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** Closing the Nest app (app.close(), or a signal with shutdown hooks) also stops the kit. */
class KitLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KIT) private readonly kit: PlatformKit) {}

  async onApplicationShutdown(): Promise<void> {
    await this.kit.stop();
  }
}

@Module({})
export class PlatformModule {
  /** GET /health, GET /metrics, the global AuthGuard and ValidationPipe; KIT injectable everywhere. */
  static forKit(kit: PlatformKit): DynamicModule {
    metrics.registry().setDefaultLabels({ service: kit.config.service });
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: KIT, useValue: kit },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: APP_PIPE,
          // whitelist + forbidNonWhitelisted: an unknown field is a 400 naming it, not silently dropped.
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        KitLifecycle,
      ],
      exports: [KIT],
    };
  }
}
