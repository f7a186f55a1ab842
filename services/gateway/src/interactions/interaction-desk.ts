import { Logger } from '@nestjs/common';
import type { MessageBody } from '@guildhall/contracts';
import { DiscordAPIError, type REST } from 'discord.js';
import { Routes, type APIMessage } from 'discord-api-types/v10';
import { EPHEMERAL, messagePayload } from '../actions/message-payload';
import { snowflakeTime } from '../translate/snowflake-time';
import type { InteractionHandle } from '../translate/interactions';
import {
  afterAlreadyAcknowledged,
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
import type { SharedInteractions, Stepped } from './interaction-states';

/** Discord: "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;
const TICK_MS = 100;
const PRUNE_MS = 60_000;

export interface OwnerAnswer {
  kind: AnswerKind;
  guildId: string;
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
 * Keeps Discord's deadlines for the interactions this gateway received and delivers their
 * owners' answers, on any replica (see deadline.ts for the decisions). Every send for one
 * interaction — the owner's answer, the automatic defer, the give-up message — is a step on
 * the state all replicas share, one at a time: the replica that received an interaction may
 * not be the one that delivers its answer, and each routes by what was actually sent. The
 * clock runs here only for this replica's own interactions, from memory; it reads the shared
 * state only when a step is due.
 */
export class InteractionDesk {
  private readonly logger = new Logger('InteractionDesk');
  private readonly tracked = new Map<string, TrackedInteraction>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ticker: NodeJS.Timeout | undefined;
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    private readonly rest: Rest,
    private readonly settings: DeadlineSettings,
    private readonly shared: SharedInteractions,
    private readonly events: DeskEvents = {},
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.tracked.size;
  }

  start(): void {
    this.ticker ??= setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
    this.pruner ??= setInterval(
      () =>
        void this.shared
          .prune()
          .catch((e: Error) => this.logger.warn(`pruning expired interactions: ${e.message}`)),
      PRUNE_MS,
    );
    this.pruner.unref();
  }

  /** Stops the clock and waits for deliveries in progress. */
  async stop(): Promise<void> {
    clearInterval(this.ticker);
    clearInterval(this.pruner);
    this.ticker = this.pruner = undefined;
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
        work.push(this.exclusive(t.interactionId, () => this.keepDeadline(t, now)));
    }
    return Promise.all(work).then(() => undefined);
  }

  /** Delivers an owner's answer the way the interaction's state requires; resolves to Discord's message id if any. */
  answer(a: OwnerAnswer): Promise<string | undefined> {
    return this.exclusive(a.interactionId, async () => {
      const seed = this.tracked.get(a.interactionId) ?? seedOf(a);
      return this.shared.exclusive(seed, async (current) => {
        const plan = planAnswer(current, a.kind, a.ephemeral);
        let delivered: AnswerPlan = plan;
        let id: string | undefined;
        try {
          id = await this.deliver(current, plan, a.body);
        } catch (e) {
          if (!(plan.via === 'callback' && e instanceof DiscordAPIError && e.code === ALREADY_ACKNOWLEDGED))
            throw e;
          delivered = afterAlreadyAcknowledged(current, a.kind, a.ephemeral);
          id = await this.deliver(current, delivered, a.body);
        }
        return this.settled(afterDelivery(current, delivered, 'owner'), id);
      });
    });
  }

  private async keepDeadline(local: TrackedInteraction, now: number): Promise<void> {
    try {
      await this.shared.exclusive(local, async (current) => {
        // Decided on the shared state: another replica may have answered since this one looked.
        const step = deadlineStep(current, now, this.settings);
        if (step.do !== 'defer' && step.do !== 'give-up') return this.settled(current, undefined);
        await this.deliver(current, step.plan, { content: CATCHING_UP_MESSAGE });
        const updated = afterDelivery(current, step.plan, 'gateway');
        if (step.do === 'defer') this.events.deferred?.(updated);
        else this.events.gaveUp?.(updated);
        return this.settled(updated, undefined);
      });
    } catch (e) {
      this.events.failed?.(local, deadlineStep(local, now, this.settings).do, e);
      this.logger.warn(
        `could not keep the deadline of interaction ${local.interactionId}: ${(e as Error).message}`,
      );
      // Discord refused (expired, unknown, already answered elsewhere): retrying every tick would not help.
      if (e instanceof DiscordAPIError) this.tracked.delete(local.interactionId);
    }
  }

  /** Keeps this replica's copy in step with what was recorded, so its clock does not re-decide stale state. */
  private settled<T>(state: TrackedInteraction, result: T): Stepped<T> {
    if (this.tracked.has(state.interactionId)) this.tracked.set(state.interactionId, state);
    return { state, result };
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

/** What an answer alone tells of its interaction: Discord minted the id when the member acted. */
function seedOf(a: OwnerAnswer): TrackedInteraction {
  return {
    interactionId: a.interactionId,
    token: a.token,
    applicationId: a.applicationId,
    guildId: a.guildId,
    kind: null,
    receivedAtMs: snowflakeTime(a.interactionId).getTime(),
    responded: 'none',
    deferredByGateway: false,
    gaveUp: false,
  };
}
