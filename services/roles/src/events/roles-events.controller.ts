import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { AnyEnvelope } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { BatchContext, OnBatch } from '@guildhall/platform';
import { ROLES_RUNTIME, type RolesRuntime } from '../http/roles.service';
import { DISCORD_SUBJECTS, discordHandler } from './discord.handler';
import { DOMAIN_SUBJECTS, domainHandler } from './domain.handler';

type Handle = (batch: AnyEnvelope[], tx: Tx) => Promise<void>;

/** What roles consumes from JetStream, one durable consumer per method, started in this order. */
@Controller()
export class RolesEventsController {
  private readonly discord: Handle;
  private readonly domain: Handle;

  constructor(@Inject(ROLES_RUNTIME) runtime: RolesRuntime) {
    this.discord = discordHandler(runtime.ctx);
    this.domain = domainHandler(runtime.ctx);
  }

  // Interactions and the guild model on one consumer: a /roles answer must see the latest roles.
  @OnBatch('roles-discord', {
    stream: 'DISCORD',
    filterSubjects: DISCORD_SUBJECTS,
    batchSize: 200,
    maxWaitMs: 20,
  })
  onDiscord(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.discord(batch, ctx.tx);
  }

  /** Level-ups, rules agreements and the gateway's action results. */
  @OnBatch('roles-domain', {
    stream: 'DOMAIN',
    filterSubjects: DOMAIN_SUBJECTS,
    batchSize: 200,
    maxWaitMs: 20,
  })
  onDomain(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.domain(batch, ctx.tx);
  }
}
