import { Logger } from '@nestjs/common';
import type { MessageBody } from '@guildhall/contracts';
import { DiscordAPIError, type REST } from 'discord.js';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { EPHEMERAL, messagePayload } from '../actions/message-payload';
import type { InteractionHandle } from '../translate/interactions';
import {
  afterDelivery,
  CATCHING_UP_MESSAGE,
  deadlineStep,
  planAnswer,
  track,
  type AnswerKind,
  type AnswerPlan,
  type DeadlineSettings,
  type TrackedInteraction,
} from './deadline';

/** Discord: "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;
const TICK_MS = 100;

export interface OwnerAnswer {
  kind: AnswerKind;
  interactionId: string;
  token: string;
  applicationId: string;
  ephemeral: boolean;
  body: MessageBody;
}

export interface DeskEvents {
  deferred?(t: TrackedInteraction): void;
  gaveUp?(t: TrackedInteraction): void;
  failed?(t: TrackedInteraction, step: string, error: unknown): void;
}

type Rest = Pick<REST, 'post' | 'patch'>;

/**
 * Remembers the interactions this gateway received and keeps Discord's deadlines for their
 * owners (see deadline.ts for the decisions). Everything sent for one interaction — the
 * owner's answer, the automatic defer, the give-up message — runs one at a time, so a reply
 * that races the defer timer is routed by what was actually sent.
 */
export class InteractionDesk {
  private readonly logger = new Logger('InteractionDesk');
  private readonly tracked = new Map<string, TrackedInteraction>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly rest: Rest,
    private readonly settings: DeadlineSettings,
    private readonly events: DeskEvents = {},
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.tracked.size;
  }

  start(): void {
    this.ticker ??= setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  /** Stops the clock and waits for deliveries in progress. */
  async stop(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    await Promise.allSettled([...this.queues.values()]);
  }

  remember(handle: InteractionHandle): void {
    if (!this.tracked.has(handle.interactionId)) this.tracked.set(handle.interactionId, track(handle));
  }

  /** Applies the deadlines due at `now`; called by the ticker, and by tests with a chosen time. */
  tick(now = this.clock()): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const t of this.tracked.values()) {
      const step = deadlineStep(t, now, this.settings);
      if (step.do === 'forget') this.tracked.delete(t.interactionId);
      else if (step.do !== 'nothing' && !this.queues.has(t.interactionId))
        work.push(this.exclusive(t.interactionId, () => this.keepDeadline(t.interactionId, now)));
    }
    return Promise.all(work).then(() => undefined);
  }

  /** Delivers an owner's answer the way the interaction's state requires; resolves to Discord's message id if any. */
  answer(a: OwnerAnswer): Promise<string | undefined> {
    return this.exclusive(a.interactionId, async () => {
      const t = this.tracked.get(a.interactionId);
      const handle = t ?? { interactionId: a.interactionId, token: a.token, applicationId: a.applicationId };
      const plan = planAnswer(t, a.kind, a.ephemeral);
      let delivered: AnswerPlan = plan;
      let messageId: string | undefined;
      try {
        messageId = await this.deliver(handle, plan, a.body);
      } catch (e) {
        // Another replica (or this one before a restart) acknowledged it: the answer edits @original.
        if (!(plan.via === 'callback' && e instanceof DiscordAPIError && e.code === ALREADY_ACKNOWLEDGED))
          throw e;
        delivered = a.kind === 'defer' ? { via: 'none' } : { via: 'edit-original' };
        messageId = await this.deliver(handle, delivered, a.body);
      }
      const current = this.tracked.get(a.interactionId);
      if (current) this.tracked.set(a.interactionId, afterDelivery(current, delivered, 'owner'));
      return messageId;
    });
  }

  private async keepDeadline(id: string, now: number): Promise<void> {
    const t = this.tracked.get(id);
    if (!t) return;
    // Re-decided inside the queue: an owner's answer may have landed since the tick looked.
    const step = deadlineStep(t, now, this.settings);
    if (step.do !== 'defer' && step.do !== 'give-up') return;
    try {
      await this.deliver(t, step.plan, { content: CATCHING_UP_MESSAGE });
      const updated = afterDelivery(t, step.plan, 'gateway');
      this.tracked.set(id, updated);
      if (step.do === 'defer') this.events.deferred?.(updated);
      else this.events.gaveUp?.(updated);
    } catch (e) {
      this.events.failed?.(t, step.do, e);
      this.logger.warn(`could not ${step.do} interaction ${id}: ${(e as Error).message}`);
      // Discord refused (expired, unknown, already answered elsewhere): retrying every tick would not help.
      if (e instanceof DiscordAPIError) this.tracked.delete(id);
    }
  }

  private async deliver(
    t: Pick<InteractionHandle, 'interactionId' | 'token' | 'applicationId'>,
    plan: AnswerPlan,
    body: MessageBody,
  ): Promise<string | undefined> {
    switch (plan.via) {
      case 'none':
        return undefined;
      case 'callback': {
        const flags = plan.ephemeral ? EPHEMERAL : 0;
        const data =
          plan.type === 4 || plan.type === 7
            ? messagePayload(body, flags)
            : plan.type === 5 && flags
              ? { flags }
              : undefined;
        await this.rest.post(Routes.interactionCallback(t.interactionId, t.token), {
          body: data ? { type: plan.type, data } : { type: plan.type },
          auth: false,
        });
        return undefined;
      }
      case 'edit-original': {
        const msg = (await this.rest.patch(Routes.webhookMessage(t.applicationId, t.token, '@original'), {
          body: messagePayload(body),
          auth: false,
        })) as APIMessage | undefined;
        return msg?.id;
      }
      case 'followup': {
        const msg = (await this.rest.post(Routes.webhook(t.applicationId, t.token), {
          body: messagePayload(body, plan.ephemeral ? EPHEMERAL : 0),
          auth: false,
        })) as APIMessage | undefined;
        return msg?.id;
      }
    }
  }

  private exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return run;
  }
}
