import { ActionType, isEvent, type AnyEnvelope, type EnvelopeOf } from '@guildhall/contracts';
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@guildhall/eventing';
import { inTransaction } from '@guildhall/platform';
import type { REST } from 'discord.js';
import type { Pool } from 'pg';
import { Routes, type APIMessage, type APIRole } from 'discord-api-types/v10';
import type { InteractionDesk } from '../interactions/interaction-desk';
import { expiredBecause } from './action-expiry';
import type { ActionLog, PriorAttempt } from './action-log';
import type { ActionTargets } from './action-targets';
import type { ParkedAction } from './parked-actions';
import { withRateLimitParking } from './rate-limit-parking';
import { attempt, done, type ActionOutcome } from './action-outcome';
import { actionResult } from './action-result';
import { mergeCommands } from './command-merge';
import type { CommandStore } from './command-store';
import { messagePayload } from './message-payload';
import type { RequestPacer } from './request-pacer';
import type { RoleGrantSafety } from './role-grant-safety';

export interface ActionExecutorDeps {
  rest: Pick<REST, 'get' | 'post' | 'put' | 'patch' | 'delete'>;
  desk: InteractionDesk;
  commands: CommandStore;
  log: ActionLog;
  /** Refuses an action whose channel, role or member is not in its guild, before Discord is called. */
  targets: Pick<ActionTargets, 'refusal'>;
  /** Re-checks a role.add the bot makes on its own against the live role (role-grant-safety.ts). */
  roleGrants: Pick<RoleGrantSafety, 'refusal'>;
  /** For the command store's own short transactions. */
  pool: Pool;
  /** The bot's application; known from config or READY. */
  applicationId(): string | undefined;
  onOutcome?(action: AnyEnvelope, outcome: ActionOutcome): void;
  clock?(): Date;
}

/** Each action's result message, by action id, for the consumer's outbox. */
export type ActionResults = Map<string, OutgoingMessage>;

export interface RunOptions {
  /** Spaces this batch's Discord requests (see RequestPacer). */
  pacer?: RequestPacer;
  /** A route limit longer than this sets the guild's actions aside instead of waiting. */
  parkAfterMs?: number;
  /** Guilds whose earlier actions of this lane are set aside: theirs queue behind them. */
  waiting?: ReadonlySet<string>;
}

/** What a batch came to: results of the actions executed, and the actions set aside, in order. */
export interface ActionRun {
  results: ActionResults;
  parked: ParkedAction[];
}

/**
 * Executes a batch of actions through discord.js' REST (which honours Discord's rate limits)
 * and returns one result message per action. Runs outside any database transaction: each
 * request is logged as `calling` before and `done` with its outcome right after, in statements
 * of their own (`ActionLog`), so a batch that is retried (a rollback, a crash, another guild's
 * failure) skips what was done. What may have reached Discord without being recorded is
 * re-sent only where that is harmless: message sends carry a nonce Discord dedupes on
 * (`enforce_nonce`), a role creation first looks for the role, the rest are idempotent.
 *
 * An interaction answer past its token's life (`expiredBecause`) is not executed: it is
 * reported as failed, not retryable, with the reason. So is an action naming a channel, role
 * or member outside its guild (`ActionTargets`): nothing of it reaches Discord.
 *
 * Actions of one guild run in stream order; different guilds run concurrently and
 * independently: one guild's failure never cuts another's requests short. A guild whose route
 * is rate limited for longer than `parkAfterMs` has that action and the rest of its batch set
 * aside (`parked`), so the batch, and the lane after it, does not wait for one guild.
 */
export class ActionExecutor {
  constructor(private readonly deps: ActionExecutorDeps) {}

  async run(batch: AnyEnvelope[], opts: RunOptions = {}): Promise<ActionRun> {
    const prior = await this.deps.log.begin(batch);
    const byGuild = new Map<string, AnyEnvelope[]>();
    for (const a of batch) {
      const list = byGuild.get(a.guildId);
      if (list) list.push(a);
      else byGuild.set(a.guildId, [a]);
    }
    const results: ActionResults = new Map();
    const guilds = [...byGuild.entries()];
    const parked = guilds.map((): ParkedAction[] => []);
    const settled = await Promise.allSettled(
      guilds.map(([guildId, actions], i) => this.runGuild(guildId, actions, prior, results, parked[i], opts)),
    );
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { results, parked: parked.flat() };
  }

  private async runGuild(
    guildId: string,
    actions: AnyEnvelope[],
    prior: Map<string, PriorAttempt>,
    results: ActionResults,
    parked: ParkedAction[],
    { pacer, parkAfterMs, waiting }: RunOptions,
  ): Promise<void> {
    const registrations = actions.filter((a): a is EnvelopeOf<'commands.register'> =>
      isEvent(a, ActionType.CommandsRegister),
    );
    let commandsRegistered = false;
    let aside: Omit<ParkedAction, 'action'> | undefined = waiting?.has(guildId)
      ? { notBefore: this.now(), reason: 'behind earlier actions of this guild that wait out a rate limit' }
      : undefined;
    for (const action of actions) {
      const earlier = prior.get(action.id);
      if (earlier?.state === 'done') {
        results.set(action.id, this.result(action, earlier.outcome));
        continue;
      }
      if (aside) {
        parked.push({ action, ...aside });
        continue;
      }
      if (action.type === ActionType.CommandsRegister) {
        // All registrations of the batch become one merged PUT, at the first one's place.
        if (commandsRegistered) continue;
        commandsRegistered = true;
        const pending = registrations.filter((r) => prior.get(r.id)?.state !== 'done');
        const outcomes = await this.registerCommands(guildId, pending);
        for (let i = 0; i < pending.length; i++) await this.record(pending[i], outcomes[i], results);
        continue;
      }
      const expired = expiredBecause(action, this.now());
      if (expired) {
        await this.record(action, { ok: false, error: expired, retryable: false }, results);
        continue;
      }
      await pacer?.take();
      const inDoubt = earlier?.state === 'calling';
      const outcome =
        parkAfterMs === undefined
          ? await this.execute(action, inDoubt)
          : await withRateLimitParking(parkAfterMs, () => this.execute(action, inDoubt));
      if (outcome.rateLimitedMs !== undefined && parkAfterMs !== undefined) {
        // Nothing reached Discord: discord.js refused before sending, or Discord answered 429.
        aside = { notBefore: new Date(this.now().getTime() + outcome.rateLimitedMs), reason: outcome.error! };
        parked.push({ action, ...aside });
        continue;
      }
      await this.record(action, outcome, results);
    }
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  private async record(action: AnyEnvelope, outcome: ActionOutcome, results: ActionResults): Promise<void> {
    await this.deps.log.finish(action.id, outcome);
    this.deps.onOutcome?.(action, outcome);
    results.set(action.id, this.result(action, outcome));
  }

  private result(action: AnyEnvelope, outcome: ActionOutcome): OutgoingMessage {
    return actionResult(action, outcome, this.now());
  }

  /** `inDoubt`: an earlier attempt may have reached Discord without its outcome being recorded. */
  private async execute(action: AnyEnvelope, inDoubt: boolean): Promise<ActionOutcome> {
    return (await this.deps.targets.refusal(action)) ?? (await this.call(action, inDoubt));
  }

  private call(action: AnyEnvelope, inDoubt: boolean): Promise<ActionOutcome> {
    const { rest, desk } = this.deps;
    const g = action.guildId;
    switch (action.type) {
      case ActionType.RoleAdd:
      case ActionType.RoleRemove: {
        const d = action.data;
        const route = Routes.guildMemberRole(g, d.userId, d.roleId);
        const options = d.reason ? { reason: d.reason } : {};
        return attempt(async () => {
          if (action.type === ActionType.RoleAdd) {
            // Refused, not retried: the same role will not become safe by asking again.
            const refused = await this.deps.roleGrants.refusal(action);
            if (refused) return { ok: false, error: refused, retryable: false };
          }
          await (action.type === ActionType.RoleAdd ? rest.put(route, options) : rest.delete(route, options));
          return done(204);
        });
      }
      case ActionType.RoleCreate: {
        const d = action.data;
        return attempt(async () => {
          if (inDoubt) {
            const existing = ((await rest.get(Routes.guildRoles(g))) as APIRole[]).find(
              (r) => r.name === d.name,
            );
            if (existing) return done(200, existing.id);
          }
          const role = (await rest.post(Routes.guildRoles(g), {
            body: { name: d.name, color: d.color ?? 0, permissions: d.permissions ?? '0' },
            ...(d.reason ? { reason: d.reason } : {}),
          })) as APIRole;
          return done(200, role.id);
        });
      }
      case ActionType.MessageSend: {
        const d = action.data;
        return attempt(async () => {
          // Discord returns the message already created with this nonce instead of a second one.
          const msg = (await rest.post(Routes.channelMessages(d.channelId), {
            body: { ...messagePayload(d), nonce: nonceFor(action.id), enforce_nonce: true },
          })) as APIMessage;
          return done(200, msg.id);
        });
      }
      case ActionType.MessageDelete: {
        const d = action.data;
        return attempt(async () => {
          await rest.delete(
            Routes.channelMessage(d.channelId, d.messageId),
            d.reason ? { reason: d.reason } : {},
          );
          return done(204);
        }).then((outcome) => (!outcome.ok && outcome.httpStatus === 404 ? done(404) : outcome));
      }
      case ActionType.InteractionReply:
      case ActionType.InteractionUpdate:
      case ActionType.InteractionDefer: {
        const d = action.data;
        const kind =
          action.type === ActionType.InteractionReply
            ? 'reply'
            : action.type === ActionType.InteractionUpdate
              ? 'update'
              : 'defer';
        return attempt(async () => {
          const messageId = await desk.answer({
            kind,
            guildId: g,
            interactionId: d.interactionId,
            token: d.token,
            applicationId: d.applicationId,
            ephemeral: 'ephemeral' in d && d.ephemeral === true,
            body: action.type === ActionType.InteractionDefer ? {} : action.data,
          });
          return done(messageId ? 200 : 204, messageId);
        });
      }
      default:
        return Promise.resolve({
          ok: false,
          error: `${action.type} is not an action the gateway executes`,
          retryable: false,
        });
    }
  }

  private async registerCommands(
    guildId: string,
    actions: EnvelopeOf<'commands.register'>[],
  ): Promise<ActionOutcome[]> {
    if (actions.length === 0) return [];
    const appId = this.deps.applicationId();
    // Thrown, not reported: the consumer retries once READY has told us the application.
    if (!appId) throw new Error('application id unknown: set DISCORD_APPLICATION_ID or wait for READY');
    const { commands } = this.deps;
    // Saved and merged in a short transaction of its own; the PUT (idempotent) comes after it.
    const merged = await inTransaction(this.deps.pool, async (tx) => {
      await commands.lockGuild(tx, guildId);
      for (const a of actions) await commands.save(tx, guildId, a.data.owner, a.data.commands);
      return mergeCommands(await commands.all(tx, guildId));
    });
    const outcome = await attempt(async () => {
      await this.deps.rest.put(Routes.applicationGuildCommands(appId, guildId), { body: merged.body });
      return done(200);
    });
    return actions.map((a) => {
      const lost = merged.conflicts.filter((c) => c.owner === a.data.owner);
      if (!outcome.ok || lost.length === 0) return outcome;
      const names = lost.map((c) => `/${c.name} (held by ${c.heldBy})`).join(', ');
      return {
        ok: false,
        httpStatus: outcome.httpStatus,
        error: `registered except ${names}`,
        retryable: false,
      };
    });
  }
}

/** Discord takes a nonce of up to 25 characters; one per action, the same on every attempt. */
export function nonceFor(actionId: string): string {
  return createHash('sha256').update(actionId).digest('base64url').slice(0, 25);
}
