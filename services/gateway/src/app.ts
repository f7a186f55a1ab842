import 'reflect-metadata';
import { once } from 'node:events';
import { Logger, type INestApplication } from '@nestjs/common';
import { contractRegistry } from '@guildhall/contracts';
import type { RunningConsumer } from '@guildhall/eventing';
import { jetstreamManager } from '@nats-io/jetstream';
import { ServiceKit, startConsumers, startHttp, type KitConsumerOptions } from '@guildhall/platform';
import { Events, type Client } from 'discord.js';
import type { AddressInfo } from 'node:net';
import { ActionExecutor, type ActionRun } from './actions/action-executor';
import { ActionLog } from './actions/action-log';
import { ActionTargets } from './actions/action-targets';
import { RequestPacer } from './actions/request-pacer';
import { RoleGrantSafety } from './actions/role-grant-safety';
import { actionLanes } from './actions/action-lanes';
import { CommandStore } from './actions/command-store';
import { ParkedActionRunner } from './actions/parked-action-runner';
import { ParkedActions } from './actions/parked-actions';
import { gatewayConfig } from './config';
import { createDiscordClient } from './discord/discord-client';
import { DispatchListener, type QueuedEvent } from './discord/dispatch-listener';
import { PostgresIdentifyThrottler } from './discord/identify-throttle';
import { completeResumedStarts } from './discord/resumed-start';
import { ShardLease } from './discord/shard-lease';
import { ShardReadGate } from './discord/shard-read-gate';
import { ShardSessions } from './discord/shard-sessions';
import { gatewayMetrics } from './gateway-metrics';
import { GatewayModule } from './gateway.module';
import { InteractionDesk } from './interactions/interaction-desk';
import { InteractionStates } from './interactions/interaction-states';
import { gatewayMigrations } from './migrations';
import { EventBatcher } from './publishing/event-batcher';
import { GuildReconciler } from './reconcile/guild-reconciler';
import { MemberRoster } from './reconcile/member-roster';
import { PipelinedPublisher } from './publishing/pipelined-publisher';

export interface GatewayService {
  port: number;
  client: Client;
  kit: ServiceKit;
  stop(): Promise<void>;
}

export interface GatewayStartOptions {
  /** Gives up a start still waiting for its shards (another process runs them) when it fires. */
  signal?: AbortSignal;
  /**
   * After the gateway stopped itself because the connection holding its shard leases is gone
   * (another process may run its shards now): main.ts exits, so the pod restarts and waits its turn.
   */
  onLeaseLost?(error: Error): void;
}

const ACTIONS_CONSUMER = 'gateway-actions';
/** A batch may wait out Discord rate limits; it must not be redelivered while still running. */
const ACTIONS_ACK_WAIT_MS = 120_000;
const ACTION_LOG_KEEP_MS = 24 * 3600_000;

/**
 * Starts the gateway: migrations and NATS (ServiceKit), the leases of its shards (waiting while
 * another process runs them), the Discord connection with its translations and batched
 * publishing, the interaction deadline keeper, the ACTIONS executor and HTTP (health, metrics,
 * /shards). Resolves once discord.js is ready and HTTP listens.
 */
export async function startGatewayService(
  env: NodeJS.ProcessEnv = process.env,
  options: GatewayStartOptions = {},
): Promise<GatewayService> {
  const logger = new Logger('Gateway');
  const config = gatewayConfig(env);
  const kit = await ServiceKit.start({
    config: config.base,
    migrations: gatewayMigrations,
    registry: contractRegistry(),
  });
  const m = gatewayMetrics();
  const lease = new ShardLease(kit.pool.options, config.base.schema, {
    waiting: (shardId, holder) =>
      logger.warn(`shard ${shardId} is run by ${holder ?? 'another process'}; waiting until it stops`),
    interrupted: (e) =>
      logger.warn(`the connection holding the shard leases dropped (${e.message}); taking them back`),
    regained: (shards) => logger.log(`shard lease(s) ${shards.join(', ')} held again; still connected`),
    lost: (e) => {
      logger.error(`the shard leases are lost (${e.message}); stopping, another process may run them now`);
      // Off Discord first: the process now holding the shards resumes their sessions, and two
      // connections on one session take it from each other until one is gone. What this one
      // received and did not store is replayed to the other (the stored sequence is older).
      void discord
        .closeResumably()
        .then(() => stop())
        .catch((err) => logger.error(`stopping after the leases were lost: ${(err as Error).message}`))
        .finally(() => options.onLeaseLost?.(e));
    },
  });
  const sessions = new ShardSessions(lease, config.base.schema, {
    lost: (shardId, previous) => {
      m.sessionsLost.inc();
      logger.warn(
        `shard ${shardId} could not resume session ${previous} and identified afresh: events of the gap are lost`,
      );
    },
  });
  const gate = new ShardReadGate();
  let stored = 0;
  const discord = createDiscordClient(config, sessions, gate, {
    beforeConnect: async (shardIds) => {
      await lease.acquire(shardIds, options.signal);
      stored = await sessions.load(shardIds);
      logger.log(`running shard(s) ${shardIds.join(', ')} of ${String(discord.client.options.shardCount)}`);
    },
    identifyThrottler: (maxConcurrency) =>
      new PostgresIdentifyThrottler(kit.pool, config.base.schema, maxConcurrency, {
        waiting: (shardId, bucket, ms) =>
          logger.log(`shard ${shardId} waits ${ms} ms to identify (bucket ${bucket} of ${maxConcurrency})`),
      }),
  });
  const { client } = discord;
  const roster = new MemberRoster(kit.pool, config.base.schema, (e) =>
    logger.warn(`recording members in the roster: ${(e as Error).message}`),
  );
  const streamPublisher = new PipelinedPublisher(kit.nc, kit.topology);
  const batcher = new EventBatcher<QueuedEvent>(streamPublisher, {
    ...config.publish,
    onPublished: (batch) => {
      m.published.inc(batch.length);
      for (const e of batch)
        if (e.sessionId !== undefined) sessions.markPublished(e.shardId, e.sessionId, e.seq);
      roster.record(batch);
    },
    onFull: () => {
      m.readHeld.set(1);
      logger.warn(`${config.publish.maxQueued} events wait for NATS: reading from Discord is paused`);
      gate.hold();
    },
    onRoom: () => {
      m.readHeld.set(0);
      logger.log('the publish queue has room again: reading from Discord');
      gate.release();
    },
    onAbandoned: (n) => m.leftForResume.inc(n),
    onError: (e, attempt) => {
      m.publishErrors.inc();
      logger.warn(`publishing to DISCORD failed (attempt ${attempt}), retrying: ${(e as Error).message}`);
    },
  });
  const desk = new InteractionDesk(
    client.rest,
    config.interactions,
    new InteractionStates(kit.pool, config.base.schema),
    {
      deferred: () => m.deadlines.inc({ step: 'defer' }),
      gaveUp: () => m.deadlines.inc({ step: 'give-up' }),
      failed: (_t, step) => m.deadlines.inc({ step: `${step}-failed` }),
    },
  );
  const reconciler = new GuildReconciler(client.rest, roster, batcher, {
    reconciled: (guildId, c) => {
      for (const [change, n] of Object.entries(c)) if (n > 0) m.reconciled.inc({ change }, n);
      if (c.joined + c.left + c.updated > 0)
        logger.warn(
          `guild ${guildId} changed while the gateway could not listen: ${c.joined} joined, ${c.left} left, ${c.updated} updated; published`,
        );
    },
    failed: (guildId, e) =>
      logger.error(`reconciling the members of guild ${guildId}: ${(e as Error).message}`),
  });
  const listener = new DispatchListener(client, batcher, desk, sessions, gate, {
    translated: (type) => m.events.inc({ type }),
    guildAvailable: (guildId, _shard, sessionId) => {
      if (sessionId !== undefined) void reconciler.reconcile(guildId, sessionId);
    },
  });
  const actionLog = new ActionLog(kit.pool, config.base.schema);
  const executor = new ActionExecutor({
    rest: client.rest,
    desk,
    commands: new CommandStore(config.base.schema),
    log: actionLog,
    targets: new ActionTargets({
      client,
      rest: client.rest,
      isMember: (guildId, userId) => roster.isMember(guildId, userId),
    }),
    roleGrants: new RoleGrantSafety(client),
    pool: kit.pool,
    applicationId: () => config.applicationId ?? listener.applicationId ?? client.application?.id,
    onOutcome: (action, outcome) => {
      m.actions.inc({ kind: action.type, outcome: outcome.ok ? 'done' : 'failed' });
      if (outcome.refused) {
        m.refused.inc({ kind: action.type, target: outcome.refused });
        logger.warn(`${action.type} ${action.id} of guild ${action.guildId} ${outcome.error}`);
      }
    },
  });
  const parked = new ParkedActions(kit.pool, config.base.schema);
  const parkedRunner = new ParkedActionRunner({
    parked,
    executor,
    pool: kit.pool,
    parkAfterMs: config.actions.parkAfterMs,
    writeResults: (tx, results) => kit.outbox.add(tx, results),
    afterResults: () => kit.relay.wake(),
    onError: (e, context) => logger.error(`${context}: ${(e as Error).message}`),
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
  const actions: RunningConsumer[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    clearInterval(gauges);
    clearInterval(pruneLog);
    // Actions first, while the client can still execute the batch in hand.
    await Promise.all([parkedRunner.stop(), ...actions.map((a) => a.stop())]);
    // What is queued gets a few seconds to reach the stream; the stored session points before
    // anything that did not, and the shards close resumably, so the next start replays the rest.
    listener.detach();
    await batcher.stop();
    await sessions.stop().catch((e) => logger.warn(`storing the shard sessions: ${(e as Error).message}`));
    await discord.closeResumably();
    await client.destroy();
    // Last, once the shards are closed: a process waiting for them resumes what was stored.
    await lease.release();
    await desk.stop();
    streamPublisher.close();
    // Closing the Nest app stops the kit too (consumers, relay drained, NATS, pool).
    if (app) await app.close();
    else await kit.stop();
  };
  const stop = (): Promise<void> => (stopping ??= shutdown());

  try {
    sessions.start();
    completeResumedStarts(client, sessions, listener.readied, logger);
    listener.attach();
    desk.start();
    const ready = once(client, Events.ClientReady);
    await client.login(config.discordToken);
    await ready;
    logger.log(
      `connected as ${client.user?.tag ?? '?'} (${stored > 0 ? `${stored} stored session(s) to resume` : 'fresh sessions'})`,
    );
    void reconciler
      .resumePending()
      .catch((e) =>
        logger.error(`finishing member reconciles of an earlier process: ${(e as Error).message}`),
      );
    await removeSingleLaneConsumer(kit);
    app = await startHttp(GatewayModule.forRoot(kit, client), kit);
    // Kept, so shutdown can stop the actions before the Discord client goes.
    const host = {
      consume: async (opts: KitConsumerOptions) => {
        const consumer = await kit.consume(opts);
        actions.push(consumer);
        return consumer;
      },
    };
    // One consumer per action lane, computed (see action-lanes.ts), hence not declared.
    await startConsumers(app, host, {
      more: (transport) => {
        for (const lane of actionLanes(ACTIONS_CONSUMER)) {
          const pacer =
            lane.family === 'message' ? new RequestPacer(config.actions.messagesPerSecond) : undefined;
          transport.addBatchHandler(
            lane.durable,
            {
              stream: 'ACTIONS',
              filterSubjects: [lane.filterSubject],
              // One executor for every guild: Discord's global rate limit is per bot, and
              // discord.js tracks it per process.
              partitioned: false,
              batchSize: config.actions.batchSize,
              maxWaitMs: config.actions.maxWaitMs,
              ackWaitMs: ACTIONS_ACK_WAIT_MS,
              // Discord is called before the transaction, which only records the results
              // and the actions set aside for a guild that waits out a rate limit.
              prepare: async (batch) => {
                m.inFlight.inc(batch.length);
                try {
                  const waiting = await parked.waiting(lane.family, [
                    ...new Set(batch.map((a) => a.guildId)),
                  ]);
                  return await executor.run(batch, {
                    pacer,
                    parkAfterMs: config.actions.parkAfterMs,
                    waiting,
                  });
                } finally {
                  m.inFlight.dec(batch.length);
                }
              },
            },
            async (batch, ctx) => {
              const run = ctx.prepared as ActionRun;
              await kit.outbox.add(
                ctx.tx,
                batch.flatMap((a) => run.results.get(a.id) ?? []),
              );
              await parked.park(ctx.tx, lane.family, run.parked);
              if (run.parked.length > 0) {
                m.parked.inc({ lane: lane.family }, run.parked.length);
                const guilds = [...new Set(run.parked.map((p) => p.action.guildId))];
                logger.warn(
                  `${lane.family} lane: ${run.parked.length} action(s) of guild(s) ${guilds.join(', ')} set aside until their rate limit passes (${run.parked[0].reason})`,
                );
              }
            },
          );
        }
      },
    });
    parkedRunner.start();
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
