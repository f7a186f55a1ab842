import {
  commandSubject,
  componentOwner,
  componentSubject,
  DiscordEventType,
  type CommandOption,
  type InteractionBase,
  type InteractionCommand,
  type InteractionComponent,
} from '@guildhall/contracts';
import {
  ApplicationCommandOptionType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
} from 'discord-api-types/v10';
import { snowflakeTime } from './snowflake-time';
import { gatewayEnvelope, type Translated } from './source';

export type InteractionKind = 'command' | 'component';

/** What the deadline keeper must remember to answer an interaction on the owner's behalf. */
export interface InteractionHandle {
  interactionId: string;
  token: string;
  applicationId: string;
  guildId: string;
  kind: InteractionKind;
  receivedAtMs: number;
}

export type TranslatedInteraction =
  | (Translated<InteractionCommand> & { handle: InteractionHandle })
  | (Translated<InteractionComponent> & { handle: InteractionHandle });

/**
 * INTERACTION_CREATE → `interaction.command` on `discord.<g>.interaction.command.<name>`, or
 * `interaction.component` on `discord.<g>.interaction.component.<owner>` (owner = custom_id up
 * to the first ':'). Carries the reply handle (id, token, application) and who asked, with
 * their roles and channel permissions. DM interactions, autocomplete and modals are not part
 * of the contracts and are skipped.
 */
export function interactionCreated(d: APIInteraction, receivedAt: Date): TranslatedInteraction | undefined {
  if (!d.guild_id || !d.member) return undefined;
  const channelId = d.channel?.id ?? d.channel_id;
  if (!channelId) return undefined;
  const base: InteractionBase = {
    interactionId: d.id,
    token: d.token,
    applicationId: d.application_id,
    userId: d.member.user.id,
    username: d.member.user.username,
    channelId,
    roleIds: d.member.roles,
    permissions: d.member.permissions,
  };
  if ('locale' in d && d.locale) base.locale = d.locale;
  const occurredAt = snowflakeTime(d.id);
  const handle = (kind: InteractionKind): InteractionHandle => ({
    interactionId: d.id,
    token: d.token,
    applicationId: d.application_id,
    guildId: d.guild_id as string,
    kind,
    receivedAtMs: receivedAt.getTime(),
  });

  if (d.type === InteractionType.ApplicationCommand) {
    const options = 'options' in d.data && d.data.options ? flattenOptions(d.data.options) : [];
    return {
      subject: commandSubject(d.guild_id, d.data.name),
      envelope: gatewayEnvelope({
        id: d.id,
        type: DiscordEventType.InteractionCommand,
        guildId: d.guild_id,
        occurredAt,
        data: { ...base, commandName: d.data.name, options },
      }),
      handle: handle('command'),
    };
  }
  if (d.type === InteractionType.MessageComponent) {
    return {
      subject: componentSubject(d.guild_id, componentOwner(d.data.custom_id)),
      envelope: gatewayEnvelope({
        id: d.id,
        type: DiscordEventType.InteractionComponent,
        guildId: d.guild_id,
        occurredAt,
        data: {
          ...base,
          customId: d.data.custom_id,
          componentType: d.data.component_type,
          values: 'values' in d.data ? d.data.values : [],
          messageId: d.message.id,
        },
      }),
      handle: handle('component'),
    };
  }
  return undefined;
}

/** Subcommands and groups become entries without a value, followed by their own options. */
function flattenOptions(options: APIApplicationCommandInteractionDataOption[]): CommandOption[] {
  const out: CommandOption[] = [];
  for (const o of options) {
    if (
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      out.push({ name: o.name, type: o.type });
      out.push(...flattenOptions(o.options ?? []));
    } else {
      out.push({ name: o.name, type: o.type, value: o.value });
    }
  }
  return out;
}
