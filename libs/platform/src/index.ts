import 'reflect-metadata';
export { baseConfig, ConfigError, SCHEMA_NAME, TEST_AUTH_SECRET, type BaseConfig } from './config';
export { createPool, DEFAULT_POOL_SIZE } from './db/pool';
export {
  openServiceDataSource,
  poolOf,
  serviceDataSourceOptions,
  type MigrationClass,
  type ServiceDataSourceOptions,
} from './db/service-data-source';
export { migrateDataSource, runMigrations, schemaOf } from './db/migrations';
export { EventingUpgrade1767800000000 } from './db/eventing-upgrade.migration';
export { inTransaction } from './db/transaction';
export { KIT, type PlatformKit } from './kit/kit-token';
export { ServiceKit, type KitConsumerOptions, type ServiceKitOptions } from './kit/service-kit';
export { PlatformModule } from './http/platform.module';
export { startHttp, httpUrl, type EntryModule } from './http/start-http';
export { startConsumers } from './transport/start-consumers';
export { JetStreamTransport, type ConsumerHost } from './transport/jetstream-transport';
export { OnBatch, type BatchOptions, type BatchOptionsSource } from './transport/on-batch.decorator';
export { BatchContext } from './transport/batch-context';
export { HealthController, type HealthReport } from './http/health.controller';
export type { ConsumerReport, SpineReport } from './kit/spine-report';
export { metrics } from './http/metrics';
export {
  signServiceToken,
  verifyServiceToken,
  ServiceTokenError,
  DEFAULT_TOKEN_TTL_SECONDS,
  ROLES,
  type Role,
  type ServiceClaims,
} from './auth/service-token';
export { Public, RequireRole, SelfOrModerator, Claims } from './auth/route-access';
export { AuthGuard } from './auth/auth.guard';
export { runService, type RunServiceOptions, type StopFn } from './run-service';
export { progressBar } from './cli/progress-bar';
export { LruCache } from './cache/lru-cache';
export {
  rateVerdict,
  rateLimitText,
  type RateLimit,
  type RateVerdict,
  type WindowCount,
} from './rate-limit/rate-limit';
export { RateLimitedException, RetryAfterFilter, throwIfLimited } from './rate-limit/rate-limited.exception';
