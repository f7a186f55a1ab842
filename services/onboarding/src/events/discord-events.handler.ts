import { DiscordEventType, GatewayEventType, type AnyEnvelope } from '@guildhall/contracts';
import type { Tx } from '@guildhall/eventing';
import { DIRECTORY_SUBJECTS, DirectoryProjection } from '@guildhall/guild-directory';
import { onReconnectCommand } from '../commands/reconnect-command';
import { onRulesButton } from '../commands/rules-buttons';
import { onRulesCommand } from '../commands/rules-command';
import { onSetupCommand, onSetupConfirm } from '../commands/setup-command';
import { SETUP_CONFIRM_PREFIX } from '../domain/setup-messages';
import { onActionResult } from './action-results.handler';
import type { FactStore } from './fact-store';
import { onGuildSynced } from './guild-synced.handler';
import { onMemberJoined } from './member-joined.handler';
import { onMemberLeft } from './member-left.handler';
import { onRoleChanged } from './role-changes.handler';
import { commitPlan, NOTHING, Plan } from './plan';

/**
 * What the DISCORD consumer listens to (unprefixed); also the guild's roles and channels, applied
 * in the same consumer so a setup PUT never races the guild.synced it is checked against.
 */
export const DISCORD_SUBJECTS = [
  ...new Set([
    'discord.*.member.joined',
    'discord.*.member.left',
    'discord.*.guild.synced',
    'discord.*.role.upserted',
    'discord.*.role.deleted',
    'discord.*.interaction.component.onboarding',
    'discord.*.interaction.command.rules',
    'discord.*.interaction.command.reconnect',
    'discord.*.interaction.command.setup',
    ...DIRECTORY_SUBJECTS,
  ]),
];

/** The gateway's reports on actions, on DOMAIN. */
export const RESULT_SUBJECTS = ['gateway.*.action.done', 'gateway.*.action.failed'];

/**
 * Applies a consumer batch in its one transaction: lock the guilds it touches, then decide and
 * commit each envelope in stream order, so later envelopes see what earlier ones changed.
 */
export class OnboardingHandler {
  constructor(
    private readonly store: FactStore,
    private readonly directory: DirectoryProjection,
    /** For the links to the dashboard's setup page in /setup and /reconnect. */
    private readonly dashboardUrl: string,
  ) {}

  async handle(batch: AnyEnvelope[], tx: Tx): Promise<void> {
    await this.store.lockGuilds(
      tx,
      batch.map((e) => e.guildId),
    );
    for (const env of batch) {
      await this.directory.apply(tx, env);
      await commitPlan(tx, this.store, await this.decide(tx, env));
    }
  }

  private decide(tx: Tx, env: AnyEnvelope): Promise<Plan> {
    const s = this.store;
    switch (env.type) {
      case DiscordEventType.MemberJoined:
        return onMemberJoined(tx, s, env);
      case DiscordEventType.MemberLeft:
        return onMemberLeft(tx, s, env);
      case DiscordEventType.GuildSynced:
        return onGuildSynced(tx, s, env);
      case DiscordEventType.RoleUpserted:
      case DiscordEventType.RoleDeleted:
        return onRoleChanged(tx, s, env);
      case DiscordEventType.InteractionComponent:
        if (env.data.customId.startsWith(SETUP_CONFIRM_PREFIX))
          return onSetupConfirm(tx, s, env, this.dashboardUrl);
        return onRulesButton(tx, s, env);
      case DiscordEventType.InteractionCommand:
        if (env.data.commandName === 'rules') return onRulesCommand(tx, s, env);
        if (env.data.commandName === 'reconnect') return onReconnectCommand(tx, s, env, this.dashboardUrl);
        if (env.data.commandName === 'setup') return onSetupCommand(tx, s, env, this.dashboardUrl);
        return Promise.resolve(NOTHING);
      case GatewayEventType.ActionDone:
      case GatewayEventType.ActionFailed:
        return onActionResult(tx, s, env);
      default:
        return Promise.resolve(NOTHING);
    }
  }
}
