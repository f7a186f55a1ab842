import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/nats-core';
import { contractRegistry, EventRegistry } from '@guildhall/contracts';
import {
  ConsumerOptions,
  DurableConsumer,
  InboxPruner,
  PartitionedConsumer,
  type RunningConsumer,
  Outbox,
  OutboxRelay,
  Publisher,
  Topology,
  connectNats,
  ensureStreams,
} from '@guildhall/eventing';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { BaseConfig } from '../config';
import { migrateDataSource } from '../db/migrations';
import { openServiceDataSource, poolOf, type MigrationClass } from '../db/service-data-source';
import type { PlatformKit } from './kit-token';
import { countDeadLetter, exportSpine, spineReport, type SpineReport } from './spine-report';

export interface ServiceKitOptions {
  config: BaseConfig;
  migrations: MigrationClass[];
  registry?: EventRegistry;
}

export type KitConsumerOptions = Omit<ConsumerOptions, 'pool' | 'schema' | 'registry'> & {
  /**
   * false: one process applies the whole log (replicas stand by), even when it is partitioned.
   * For the gateway's actions: Discord's rate limits are per bot, so one executor sees them all.
   */
  partitioned?: boolean;
};

const logger = new Logger('ServiceKit');

/**
 * Everything a service process holds open: Postgres (its DataSource, whose pool raw SQL shares),
 * NATS, the streams, the outbox relay and its consumers.
 */
export class ServiceKit implements PlatformKit {
  private readonly consumers: { name: string; consumer: RunningConsumer }[] = [];
  private readonly pruner: InboxPruner;
  private stopping: Promise<void> | undefined;
  readonly pool: Pool;

  private constructor(
    readonly config: BaseConfig,
    readonly dataSource: DataSource,
    readonly nc: NatsConnection,
    readonly topology: Topology,
    readonly publisher: Publisher,
    readonly outbox: Outbox,
    readonly relay: OutboxRelay,
    readonly registry: EventRegistry,
  ) {
    this.pool = poolOf(dataSource);
    this.pruner = new InboxPruner({
      pool: this.pool,
      schema: config.schema,
      onError: (e) => logger.error(`inbox pruning: ${describe(e)}`),
    });
    this.pruner.start();
  }

  /** Every report also refreshes the spine's gauges on /metrics. */
  async spine(): Promise<SpineReport> {
    const report = await spineReport({
      pool: this.pool,
      nc: this.nc,
      topology: this.topology,
      schema: this.config.schema,
      consumers: this.consumers,
      thresholds: this.config.health,
    });
    exportSpine(report);
    return report;
  }

  /** Migrates first, so nothing consumes or relays against an old schema. */
  static async start(opts: ServiceKitOptions): Promise<ServiceKit> {
    const { config } = opts;
    const dataSource = await openServiceDataSource({
      databaseUrl: config.databaseUrl,
      schema: config.schema,
      migrations: opts.migrations,
    });
    let nc: NatsConnection | undefined;
    try {
      await migrateDataSource(dataSource);
      const pool = poolOf(dataSource);
      const conn = await connectNats(config.natsUrl, config.service);
      nc = conn;
      const topology = new Topology(config.eventNamespace, config.eventPartitions);
      await ensureStreams(conn, topology, {
        ...config.streams,
        onNotice: (message) => logger.warn(message),
      });
      const publisher = new Publisher(conn, topology);
      const outbox = new Outbox(config.schema);
      const relay = new OutboxRelay({
        pool,
        schema: config.schema,
        publisher,
        onError: (e) => logger.error(`outbox relay: ${describe(e)}`),
      });
      relay.start();
      const registry = opts.registry ?? contractRegistry();
      return new ServiceKit(config, dataSource, conn, topology, publisher, outbox, relay, registry);
    } catch (e) {
      await nc?.close().catch(() => undefined);
      await dataSource.destroy().catch(() => undefined);
      throw e;
    }
  }

  /** Starts a durable consumer; the relay is woken after each commit; stopped by stop(). */
  async consume({ partitioned = true, ...opts }: KitConsumerOptions): Promise<RunningConsumer> {
    if (this.stopping)
      throw new Error(`${this.config.service} is stopping; cannot start consumer ${opts.name}`);
    const options: ConsumerOptions = {
      ...opts,
      pool: this.pool,
      schema: this.config.schema,
      registry: this.registry,
      onError:
        opts.onError ?? ((e, context) => logger.error(`consumer ${opts.name}: ${context}: ${describe(e)}`)),
      onNotice: opts.onNotice ?? ((message) => logger.warn(`consumer ${opts.name}: ${message}`)),
      onDeadLetter: (reason) => {
        countDeadLetter(opts.name, reason);
        opts.onDeadLetter?.(reason);
      },
      // A handler that wrote to the outbox should see its events published now, not at the next poll.
      afterCommit: (batch) => {
        this.relay.wake();
        opts.afterCommit?.(batch);
      },
    };
    const consumer =
      partitioned && this.topology.partitions > 1
        ? new PartitionedConsumer(this.nc, this.topology, options)
        : new DurableConsumer(this.nc, this.topology, options);
    await consumer.start();
    // stop() may have begun while this consumer was starting; it would not know to stop it.
    if (this.stopping) {
      await consumer.stop();
      throw new Error(`${this.config.service} is stopping; stopped consumer ${opts.name} again`);
    }
    this.consumers.push({ name: opts.name, consumer });
    return consumer;
  }

  /** Consumers, then the relay (drained), then NATS, then the DataSource and its pool. Safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const failures: unknown[] = [];
    const step = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        logger.error(`${this.config.service}: ${what} failed: ${(e as Error).message}`);
        failures.push(e);
      }
    };
    await Promise.all(this.consumers.map((c) => step('stopping a consumer', () => c.consumer.stop())));
    await step('stopping inbox pruning', () => this.pruner.stop());
    await step('draining the outbox', () => this.relay.drain());
    await step('stopping the relay', () => this.relay.stop());
    await step('closing NATS', () => (this.nc.isClosed() ? Promise.resolve() : this.nc.drain()));
    await step('closing the pool', () => this.dataSource.destroy());
    if (failures.length > 0)
      throw new AggregateError(failures, `${this.config.service} did not stop cleanly`);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
