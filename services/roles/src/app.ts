import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { ServiceKit, startConsumers, startHttp } from '@guildhall/platform';
import { rolesConfig } from './config';
import { RetrySweep } from './events/retry-sweep';
import { RewardJobRunner } from './events/reward-job';
import type { RolesContext } from './events/roles-context';
import { ROLES_MIGRATIONS } from './migrations';
import { RolesModule } from './roles.module';

export interface RunningRolesService {
  port: number;
  kit: ServiceKit;
  stop(): Promise<void>;
}

const logger = new Logger('roles');

/** Migrates, serves HTTP, starts the consumers, the retry sweep and unfinished reward jobs. Used by main.ts, tests and the benchmark. */
export async function startRolesService(env: NodeJS.ProcessEnv = process.env): Promise<RunningRolesService> {
  const config = rolesConfig(env);
  const kit = await ServiceKit.start({ config: config.base, migrations: ROLES_MIGRATIONS });
  const ctx: RolesContext = {
    schema: config.base.schema,
    outbox: kit.outbox,
    retry: config.retry,
    requestLimits: config.requestLimits,
  };
  const wake = () => kit.relay.wake();
  const jobs = new RewardJobRunner(ctx, kit.pool, wake, config.rewardJobBatchSize);
  const sweep = new RetrySweep(
    ctx,
    kit.pool,
    { everyMs: config.sweepEveryMs, resultTimeoutMs: config.resultTimeoutMs },
    wake,
  );
  try {
    const app = await startHttp(RolesModule.forKit(kit, { ctx, pool: kit.pool, jobs, wake }), kit);
    await startConsumers(app, kit);
    sweep.start();
    await jobs.resumeAll();
    const port = (app.getHttpServer().address() as AddressInfo).port;
    logger.log(`listening on ${port}, schema ${ctx.schema}, namespace "${config.base.eventNamespace}"`);
    let stopped: Promise<void> | undefined;
    // The sweep and jobs write through the pool, so they stop before the kit closes it.
    const stop = () =>
      (stopped ??= Promise.all([sweep.stop(), jobs.stop()])
        .then(() => app.close())
        .then(() => kit.stop()));
    return { port, kit, stop };
  } catch (e) {
    await Promise.all([sweep.stop(), jobs.stop()]);
    await kit.stop().catch(() => undefined);
    throw e;
  }
}
