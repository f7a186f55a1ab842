import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { AnyEnvelope } from '@guildhall/contracts';
import { DIRECTORY_SUBJECTS, DirectoryProjection } from '@guildhall/guild-directory';
import { BatchContext, OnBatch } from '@guildhall/platform';
import { InteractionsHandler } from '../commands/interactions.handler';
import type { XpConfig } from '../config';
import { MessageCreatedHandler } from './message-created.handler';

/** What xp consumes from JetStream, one durable consumer per method, started in this order. */
@Controller()
export class XpEventsController {
  private readonly applyDirectory: ReturnType<DirectoryProjection['handler']>;

  constructor(
    private readonly interactions: InteractionsHandler,
    directory: DirectoryProjection,
    private readonly messages: MessageCreatedHandler,
  ) {
    this.applyDirectory = directory.handler();
  }

  // Interactions have their own consumer so a backlog of messages never delays an answer.
  @OnBatch('xp-interactions', {
    stream: 'DISCORD',
    filterSubjects: [
      'discord.*.interaction.command.profile',
      'discord.*.interaction.command.leaderboard',
      'discord.*.interaction.component.xp',
      'discord.*.guild.synced',
    ],
    batchSize: 100,
    maxWaitMs: 20,
  })
  onInteractions(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.interactions.handle(batch, ctx.tx);
  }

  /** The roles and channels the policy form offers and the policy PUT checks ids against. */
  @OnBatch('xp-directory', { stream: 'DISCORD', filterSubjects: DIRECTORY_SUBJECTS, batchSize: 100 })
  onDirectory(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.applyDirectory(batch, ctx.tx);
  }

  @OnBatch('xp-messages', (config: XpConfig) => ({
    stream: 'DISCORD',
    filterSubjects: ['discord.*.message.created'],
    batchSize: config.messageBatchSize,
  }))
  onMessages(@Payload() batch: AnyEnvelope[], @Ctx() ctx: BatchContext): Promise<void> {
    return this.messages.handle(batch, ctx.tx);
  }
}
