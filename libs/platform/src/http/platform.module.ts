import { DynamicModule, Inject, Module, OnApplicationShutdown, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from '../auth/auth.guard';
import { KIT, type PlatformKit } from '../kit/kit-token';
import { RetryAfterFilter } from '../rate-limit/rate-limited.exception';
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

/**
 * Not global, unlike PlatformModule and TypeOrmModule's core: Nest runs shutdown hooks of global
 * modules last, so the kit drains consumers and the outbox through the pool before TypeORM's
 * module would destroy the DataSource (it finds it destroyed by the kit and leaves it).
 */
@Module({ providers: [KitLifecycle] })
class KitLifecycleModule {}

@Module({})
export class PlatformModule {
  /**
   * The kit's DataSource for @InjectDataSource(), GET /health, GET /metrics, the global AuthGuard,
   * ValidationPipe and 429 filter (Retry-After); KIT injectable everywhere.
   */
  static forKit(kit: PlatformKit): DynamicModule {
    metrics.registry().setDefaultLabels({ service: kit.config.service });
    return {
      module: PlatformModule,
      global: true,
      imports: [
        // Handed over, not created or initialized here: the kit opened and migrated it before
        // anything consumes, and the rebuild CLIs and tests use the kit without Nest.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...kit.dataSource.options, manualInitialization: true }),
          dataSourceFactory: () => Promise.resolve(kit.dataSource),
        }),
        KitLifecycleModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: KIT, useValue: kit },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: RetryAfterFilter },
        {
          provide: APP_PIPE,
          // whitelist + forbidNonWhitelisted: an unknown field is a 400 naming it, not silently dropped.
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
      ],
      exports: [KIT],
    };
  }
}
