import type { NatsConnection } from '@nats-io/nats-core';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from '../config';
import type { SpineReport } from './spine-report';

/** Nest injection token for the ServiceKit. */
export const KIT = 'GUILDHALL_KIT';

/** The part of a ServiceKit the HTTP layer uses; kept narrow so it never loads eventing code. */
export interface PlatformKit {
  readonly config: BaseConfig;
  /** Open and migrated before Nest starts; PlatformModule hands it to TypeOrmModule. */
  readonly dataSource: DataSource;
  /** The DataSource's own pg pool (`poolOf(dataSource)`), for raw SQL. */
  readonly pool: Pool;
  readonly nc: NatsConnection;
  stop(): Promise<void>;
  /** The event spine's state (consumers, outbox, dead letters), where the kit runs one. */
  spine?(): Promise<SpineReport>;
}
