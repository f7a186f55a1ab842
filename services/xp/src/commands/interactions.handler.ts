import {
  ActionType,
  actionSubject,
  derivedId,
  DiscordEventType,
  event,
  ownedId,
  type AnyEnvelope,
  type Envelope,
  type EnvelopeOf,
  type InteractionBase,
} from '@guildhall/contracts';
import type { Outbox, OutgoingMessage, Tx } from '@guildhall/eventing';
import { LeaderboardProjection } from '../projections/leaderboard.projection';
import { MemberXpProjection } from '../projections/member-xp.projection';
import { PolicyHistory } from '../projections/policy-history';
import { GuildDirectory } from '../projections/guild-directory';
import { LEADERBOARD_BUTTON, leaderboardView } from './leaderboard-view';
import { profileEmbed } from './profile-card';
import { XP_COMMANDS, XP_COMMANDS_VERSION } from './xp-commands';

export interface InteractionsHandlerDeps {
  policies: PolicyHistory;
  members: MemberXpProjection;
  leaderboard: LeaderboardProjection;
  guilds: GuildDirectory;
  outbox: Outbox;
  pageSize: number;
}

/**
 * /profile, /leaderboard, the leaderboard's page buttons, and guild.synced (which (re)registers
 * our commands). Answers go out as actions through the outbox; the relay is woken right after
 * the commit, which keeps replies well inside Discord's 3 s.
 */
export class InteractionsHandler {
  constructor(private readonly deps: InteractionsHandlerDeps) {}

  async handle(batch: AnyEnvelope[], tx: Tx): Promise<void> {
    const out: OutgoingMessage[] = [];
    for (const env of batch) {
      if (env.type === DiscordEventType.InteractionCommand) {
        const reply = await this.command(tx, env);
        if (reply) out.push(reply);
      } else if (env.type === DiscordEventType.InteractionComponent) {
        const update = await this.component(tx, env);
        if (update) out.push(update);
      } else if (env.type === DiscordEventType.GuildSynced) {
        await this.deps.guilds.remember(tx, env.guildId, env.data.name, env.occurredAt);
        out.push(
          registerCommands(
            env.guildId,
            derivedId(env.id, ActionType.CommandsRegister),
            env.occurredAt,
            env.id,
          ),
        );
      }
    }
    await this.deps.outbox.add(tx, out);
  }

  private async command(tx: Tx, env: EnvelopeOf<'interaction.command'>): Promise<OutgoingMessage | null> {
    const { commandName, options } = env.data;
    if (commandName === 'profile') {
      const target = options.find((o) => o.name === 'user')?.value;
      const userId = typeof target === 'string' && /^\d{1,20}$/.test(target) ? target : env.data.userId;
      return reply(env, { embeds: [await this.profile(tx, env.guildId, userId)] });
    }
    if (commandName === 'leaderboard') return reply(env, await this.leaderboardPage(tx, env.guildId, 0));
    return null;
  }

  private async component(tx: Tx, env: EnvelopeOf<'interaction.component'>): Promise<OutgoingMessage | null> {
    const match = LEADERBOARD_BUTTON.exec(env.data.customId);
    if (!match) return null;
    return update(env, await this.leaderboardPage(tx, env.guildId, Number(match[1])));
  }

  private async profile(tx: Tx, guildId: string, userId: string): Promise<Record<string, unknown>> {
    const [state, position, ranked, policy] = [
      await this.deps.members.get(tx, guildId, userId),
      await this.deps.leaderboard.positionOf(tx, guildId, userId),
      await this.deps.leaderboard.size(tx, guildId),
      await this.deps.policies.current(tx, guildId),
    ];
    return profileEmbed({ userId, state, curve: policy.policy.curve, position, ranked });
  }

  private async leaderboardPage(tx: Tx, guildId: string, page: number) {
    const size = this.deps.pageSize;
    const ranked = await this.deps.leaderboard.size(tx, guildId);
    const rows = await this.deps.leaderboard.page(tx, guildId, size, page * size);
    return leaderboardView(rows, page, size, ranked);
  }
}

type Body = { embeds?: Record<string, unknown>[]; components?: Record<string, unknown>[]; content?: string };

function handle(env: Envelope<InteractionBase>) {
  const { interactionId, token, applicationId } = env.data;
  return { interactionId, token, applicationId };
}

function reply(env: Envelope<InteractionBase>, body: Body): OutgoingMessage {
  return {
    subject: actionSubject(env.guildId, ActionType.InteractionReply),
    envelope: event(ActionType.InteractionReply, {
      id: derivedId(env.id, ActionType.InteractionReply),
      guildId: env.guildId,
      occurredAt: env.occurredAt,
      source: 'xp',
      correlationId: env.correlationId ?? env.id,
      causationId: env.id,
      data: { ...handle(env), ...body },
    }),
  };
}

function update(env: Envelope<InteractionBase>, body: Body): OutgoingMessage {
  return {
    subject: actionSubject(env.guildId, ActionType.InteractionUpdate),
    envelope: event(ActionType.InteractionUpdate, {
      id: derivedId(env.id, ActionType.InteractionUpdate),
      guildId: env.guildId,
      occurredAt: env.occurredAt,
      source: 'xp',
      correlationId: env.correlationId ?? env.id,
      causationId: env.id,
      data: { ...handle(env), ...body },
    }),
  };
}

/** A `commands.register` action for our commands in one guild. */
export function registerCommands(
  guildId: string,
  id: string,
  occurredAt: string | Date,
  causationId?: string,
): OutgoingMessage {
  return {
    subject: actionSubject(guildId, ActionType.CommandsRegister),
    envelope: event(ActionType.CommandsRegister, {
      id,
      guildId,
      occurredAt,
      source: 'xp',
      causationId,
      data: { owner: 'xp', commands: XP_COMMANDS },
    }),
  };
}

/** The id for registering at startup: one per guild and command-set version. */
export const startupRegistrationId = (guildId: string): string =>
  ownedId('xp', ActionType.CommandsRegister, `${guildId}:${XP_COMMANDS_VERSION}`);
