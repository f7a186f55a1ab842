import {
  ActionType,
  type CommandsRegister,
  type Envelope,
  type InteractionDefer,
  type InteractionReply,
  type InteractionUpdate,
  type MessageDelete,
  type MessageSend,
  type RoleChange,
  type RoleCreate,
} from '@guildhall/contracts';
import type { OutgoingMessage, Tx } from '@guildhall/eventing';
import type { REST } from 'discord.js';
import { Routes, type APIMessage, type APIRole } from 'discord-api-types/v10';
import type { InteractionDesk } from '../interactions/interaction-desk';
import { attempt, done, type ActionOutcome } from './action-outcome';
import { actionResult } from './action-result';
import { mergeCommands } from './command-merge';
import type { CommandStore } from './command-store';
import { messagePayload } from './message-payload';
import type { RequestPacer } from './request-pacer';

export interface ActionExecutorDeps {
  rest: Pick<REST, 'post' | 'put' | 'patch' | 'delete'>;
  desk: InteractionDesk;
  commands: CommandStore;
  /** The bot's application; known from config or READY. */
  applicationId(): string | undefined;
  onOutcome?(action: Envelope, outcome: ActionOutcome): void;
  clock?(): Date;
}

/**
 * Executes a batch of actions through discord.js' REST (which honours Discord's rate limits)
 * and returns one result message per action, for the caller's outbox. Actions of one guild
 * run in stream order; different guilds run concurrently, so one guild's rate limit does
 * not hold up the others within a batch.
 */
export class ActionExecutor {
  constructor(private readonly deps: ActionExecutorDeps) {}

  /** `pacer`, when given, spaces this batch's Discord requests (see RequestPacer). */
  async run(batch: Envelope[], tx: Tx, pacer?: RequestPacer): Promise<OutgoingMessage[]> {
    const byGuild = new Map<string, Envelope[]>();
    for (const a of batch) {
      const list = byGuild.get(a.guildId);
      if (list) list.push(a);
      else byGuild.set(a.guildId, [a]);
    }
    const results = await Promise.all(
      [...byGuild.entries()].map(([guildId, actions]) => this.runGuild(guildId, actions, tx, pacer)),
    );
    return results.flat();
  }

  private async runGuild(
    guildId: string,
    actions: Envelope[],
    tx: Tx,
    pacer?: RequestPacer,
  ): Promise<OutgoingMessage[]> {
    const out: OutgoingMessage[] = [];
    const registrations = actions.filter(
      (a) => a.type === ActionType.CommandsRegister,
    ) as Envelope<CommandsRegister>[];
    let commandsRegistered = false;
    for (const action of actions) {
      if (action.type === ActionType.CommandsRegister) {
        // All registrations of the batch become one merged PUT, at the first one's place.
        if (commandsRegistered) continue;
        commandsRegistered = true;
        const outcomes = await this.registerCommands(guildId, registrations, tx);
        registrations.forEach((r, i) => out.push(this.report(r, outcomes[i])));
        continue;
      }
      await pacer?.take();
      out.push(this.report(action, await this.execute(action)));
    }
    return out;
  }

  private report(action: Envelope, outcome: ActionOutcome): OutgoingMessage {
    this.deps.onOutcome?.(action, outcome);
    return actionResult(action, outcome, this.deps.clock?.() ?? new Date());
  }

  private execute(action: Envelope): Promise<ActionOutcome> {
    const { rest, desk } = this.deps;
    const g = action.guildId;
    switch (action.type) {
      case ActionType.RoleAdd:
      case ActionType.RoleRemove: {
        const d = action.data as RoleChange;
        const route = Routes.guildMemberRole(g, d.userId, d.roleId);
        const options = d.reason ? { reason: d.reason } : {};
        return attempt(async () => {
          await (action.type === ActionType.RoleAdd ? rest.put(route, options) : rest.delete(route, options));
          return done(204);
        });
      }
      case ActionType.RoleCreate: {
        const d = action.data as RoleCreate;
        return attempt(async () => {
          const role = (await rest.post(Routes.guildRoles(g), {
            body: { name: d.name, color: d.color ?? 0, permissions: d.permissions ?? '0' },
            ...(d.reason ? { reason: d.reason } : {}),
          })) as APIRole;
          return done(200, role.id);
        });
      }
      case ActionType.MessageSend: {
        const d = action.data as MessageSend;
        return attempt(async () => {
          const msg = (await rest.post(Routes.channelMessages(d.channelId), {
            body: messagePayload(d),
          })) as APIMessage;
          return done(200, msg.id);
        });
      }
      case ActionType.MessageDelete: {
        const d = action.data as MessageDelete;
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
        const d = action.data as InteractionReply | InteractionUpdate | InteractionDefer;
        const kind =
          action.type === ActionType.InteractionReply
            ? 'reply'
            : action.type === ActionType.InteractionUpdate
              ? 'update'
              : 'defer';
        return attempt(async () => {
          const messageId = await desk.answer({
            kind,
            interactionId: d.interactionId,
            token: d.token,
            applicationId: d.applicationId,
            ephemeral: 'ephemeral' in d && d.ephemeral === true,
            body: action.type === ActionType.InteractionDefer ? {} : (d as InteractionReply),
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
    actions: Envelope<CommandsRegister>[],
    tx: Tx,
  ): Promise<ActionOutcome[]> {
    const appId = this.deps.applicationId();
    // Thrown, not reported: the consumer redelivers once READY has told us the application.
    if (!appId) throw new Error('application id unknown: set DISCORD_APPLICATION_ID or wait for READY');
    const { commands } = this.deps;
    await commands.lockGuild(tx, guildId);
    for (const a of actions) await commands.save(tx, guildId, a.data.owner, a.data.commands);
    const merged = mergeCommands(await commands.all(tx, guildId));
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
