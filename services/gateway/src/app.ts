import 'reflect-metadata';
import { once } from 'node:events';
import { Logger, type INestApplication } from '@nestjs/common';
import { contractRegistry } from '@guildhall/contracts';
import type { DurableConsumer } from '@guildhall/eventing';
import { jetstreamManager } from '@nats-io/jetstream';
import { ServiceKit, startHttp } from '@guildhall/platform';
import { Events, type Client } from 'discord.js';
import type { AddressInfo } from 'node:net';
import { ActionExecutor, type ActionResults } from './actions/action-executor';
import { ActionLog } from './actions/action-log';
import { RequestPacer } from './actions/request-pacer';
import { actionLanes } from './actions/action-lanes';
import { CommandStore } from './actions/command-store';
import { gatewayConfig } from './config';
import { createDiscordClient } from './discord/discord-client';
import { DispatchListener } from './discord/dispatch-listener';
import { gatewayMetrics } from './gateway-metrics';
import { GatewayModule } from './gateway.module';
import { InteractionDesk } from './interactions/interaction-desk';
import { gatewayMigrations } from './migrations';
import { EventBatcher } from './publishing/event-batcher';
import { PipelinedPublisher } from './publishing/pipelined-publisher';

export interface GatewayService {
  port: number;
  client: Client;
  kit: ServiceKit;
  stop(): Promise<void>;
}

const ACTIONS_CONSUMER = 'gateway-actions';
/** A batch may wait out Discord rate limits; it must not be redelivered while still running. */
const ACTIONS_ACK_WAIT_MS = 120_000;
const ACTION_LOG_KEEP_MS = 24 * 3600_000;

/**
 * Starts the gateway: migrations and NATS (ServiceKit), the Discord connection with its
 * translations and batched publishing, the interaction deadline keeper, the ACTIONS executor
 * and HTTP (health, metrics, /shards). Resolves once discord.js is ready and HTTP listens.
 */
export async function startGatewayService(env: NodeJS.ProcessEnv = process.env): Promise<GatewayService> {
  const logger = new Logger('Gateway');
  const config = gatewayConfig(env);
  const kit = await ServiceKit.start({
    config: config.base,
    migrations: gatewayMigrations,
    registry: contractRegistry(),
  });
  const m = gatewayMetrics();
  const client = createDiscordClient(config);
  const streamPublisher = new PipelinedPublisher(kit.nc, kit.topology);
  const batcher = new EventBatcher(streamPublisher, {
    ...config.publish,
    onPublished: (n) => m.published.inc(n),
    onDropped: (n) => m.dropped.inc(n),
    onError: (e, attempt) => {
      m.publishErrors.inc();
      logger.warn(`publishing to DISCORD failed (attempt ${attempt}), retrying: ${(e as Error).message}`);
    },
  });
  const desk = new InteractionDesk(client.rest, config.interactions, {
    deferred: () => m.deadlines.inc({ step: 'defer' }),
    gaveUp: () => m.deadlines.inc({ step: 'give-up' }),
    failed: (_t, step) => m.deadlines.inc({ step: `${step}-failed` }),
  });
  const listener = new DispatchListener(client, batcher, desk, (type) => m.events.inc({ type }));
  const actionLog = new ActionLog(kit.pool, config.base.schema);
  const executor = new ActionExecutor({
    rest: client.rest,
    desk,
    commands: new CommandStore(config.base.schema),
    log: actionLog,
    pool: kit.pool,
    applicationId: () => config.applicationId ?? listener.applicationId ?? client.application?.id,
    onOutcome: (action, outcome) =>
      m.actions.inc({ kind: action.type, outcome: outcome.ok ? 'done' : 'failed' }),
  });
  const gauges = setInterval(() => {
    m.queued.set(batcher.depth);
    m.tracked.set(desk.size);
  }, 1000);
  gauges.unref();
  // An action is redelivered within minutes (ACTIONS ack wait); a day of log is plenty.
  const pruneLog = setInterval(
    () =>
      void actionLog
        .prune(ACTION_LOG_KEEP_MS)
        .catch((e) => logger.warn(`pruning the action log: ${(e as Error).message}`)),
    10 * 60_000,
  );
  pruneLog.unref();
  client.on(Events.Error, (e) => logger.error(`discord.js: ${e.message}`));
  client.on(Events.ShardDisconnect, (_e, id) => logger.warn(`shard ${id} disconnected`));

  let app: INestApplication | undefined;
  const actions: DurableConsumer[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    clearInterval(gauges);
    clearInterval(pruneLog);
    // Actions first, while the client can still execute the batch in hand.
    await Promise.all(actions.map((a) => a.stop()));
    listener.detach();
    await client.destroy();
    await desk.stop();
    await batcher.stop();
    streamPublisher.close();
    // Closing the Nest app stops the kit too (consumers, relay drained, NATS, pool).
    if (app) await app.close();
    else await kit.stop();
  };
  const stop = (): Promise<void> => (stopping ??= shutdown());

  try {
    listener.attach();
    desk.start();
    const ready = once(client, Events.ClientReady);
    await client.login(config.discordToken);
    await ready;
    logger.log(`connected as ${client.user?.tag ?? '?'} with ${client.guilds.cache.size} guild(s)`);
    await removeSingleLaneConsumer(kit);
    for (const lane of actionLanes(ACTIONS_CONSUMER)) {
      const pacer =
        lane.family === 'message' ? new RequestPacer(config.actions.messagesPerSecond) : undefined;
      actions.push(
        await kit.consume({
          name: lane.durable,
          stream: 'ACTIONS',
          filterSubjects: [lane.filterSubject],
          batchSize: config.actions.batchSize,
          maxWaitMs: config.actions.maxWaitMs,
          ackWaitMs: ACTIONS_ACK_WAIT_MS,
          // Discord is called before the transaction, which only records the results.
          prepare: async (batch) => {
            m.inFlight.inc(batch.length);
            try {
              return await executor.run(batch, pacer);
            } finally {
              m.inFlight.dec(batch.length);
            }
          },
          handle: async (batch, tx, prepared) => {
            const results = prepared as ActionResults;
            await kit.outbox.add(
              tx,
              batch.flatMap((a) => results.get(a.id) ?? []),
            );
          },
        }),
      );
    }
    app = await startHttp(GatewayModule.forRoot(kit, client), kit);
  } catch (e) {
    await stop().catch((err) => logger.error(`cleanup after a failed start: ${(err as Error).message}`));
    throw e;
  }
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { port, client, kit, stop };
}

/**
 * Earlier versions read ACTIONS with one durable on `actions.>`; a work queue refuses lanes
 * that overlap it, so it goes (its unacked actions return to the queue for the lanes).
 */
async function removeSingleLaneConsumer(kit: ServiceKit): Promise<void> {
  const jsm = await jetstreamManager(kit.nc);
  await jsm.consumers.delete(kit.topology.stream('ACTIONS'), ACTIONS_CONSUMER).catch(() => false);
}
