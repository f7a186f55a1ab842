import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { AnyEnvelope } from '@guildhall/contracts';
import { BatchContext, OnBatch } from '@guildhall/platform';
import type { OnboardingConfig } from '../config';
import { DISCORD_SUBJECTS, OnboardingHandler, RESULT_SUBJECTS } from './discord-events.handler';

/** What onboarding consumes from JetStream, one durable consumer per method, started in this order. */
@Controller()
export class OnboardingEventsController {
  constructor(private readonly handler: OnboardingHandler) {}

  @OnBatch('onboarding-discord', (config: OnboardingConfig) => ({
    stream: 'DISCORD',
    filterSubjects: DISCORD_SUBJECTS,
    batchSize: config.batchSize,
  }))
  onDiscord(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.handler.handle(batch, ctx.tx);
  }

  /** The gateway's results of the actions onboarding asked for (roles created, messages posted). */
  @OnBatch('onboarding-results', (config: OnboardingConfig) => ({
    stream: 'DOMAIN',
    filterSubjects: RESULT_SUBJECTS,
    batchSize: config.batchSize,
  }))
  onResults(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.handler.handle(batch, ctx.tx);
  }
}
