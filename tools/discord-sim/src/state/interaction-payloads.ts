import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentInteraction,
} from 'discord-api-types/v10';
import { ApiError } from '../http/api-error';
import type { SimGuild } from './model';
import { memberPayload, resolvedMemberPayload } from './payloads';
import { memberPermissions } from './permissions';
import type { SimWorld } from './world';

/** Options as the API sends them, or a plain `{ name: value }` map typed from the registered command. */
export type CommandOptionsInput =
  APIApplicationCommandInteractionDataOption[] | Record<string, string | number | boolean>;

interface Common {
  id: string;
  token: string;
  guild: SimGuild;
  channelId: string;
  userId: string;
}

function base(world: SimWorld, c: Common) {
  const member = world.member(c.guild, c.userId);
  const user = world.user(c.userId);
  const channel = c.guild.channels.get(c.channelId);
  if (!channel) throw new ApiError(404, 10003, 'Unknown Channel');
  return {
    id: c.id,
    application_id: world.identity.applicationId,
    token: c.token,
    version: 1 as const,
    guild_id: c.guild.id,
    guild: { id: c.guild.id, locale: Locale.EnglishUS, features: [] },
    channel,
    channel_id: channel.id,
    member: { ...memberPayload(member, user), permissions: memberPermissions(c.guild, user.id).toString() },
    app_permissions: memberPermissions(c.guild, world.bot.id).toString(),
    locale: Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    // discord.js reads both unconditionally.
    entitlements: [],
    authorizing_integration_owners: { '0': c.guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function inferType(
  value: string | number | boolean,
  declared?: APIApplicationCommandOption,
): ApplicationCommandOptionType {
  if (declared) return declared.type;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function toOptions(
  input: CommandOptionsInput | undefined,
  declared: APIApplicationCommandOption[],
): APIApplicationCommandInteractionDataOption[] {
  if (!input) return [];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]) => {
    const type = inferType(
      value,
      declared.find((o) => o.name === name),
    );
    return { name, type, value } as APIApplicationCommandInteractionDataOption;
  });
}

/** Fills `resolved` for user, role, channel and mentionable options, as Discord does. */
function resolve(
  world: SimWorld,
  guild: SimGuild,
  options: APIApplicationCommandInteractionDataOption[],
): APIInteractionDataResolved | undefined {
  const resolved: APIInteractionDataResolved = {};
  const walk = (list: APIApplicationCommandInteractionDataOption[]): void => {
    for (const option of list) {
      if ('options' in option && option.options)
        walk(option.options as APIApplicationCommandInteractionDataOption[]);
      if (!('value' in option)) continue;
      const id = String(option.value);
      const wantsUser =
        option.type === ApplicationCommandOptionType.User ||
        option.type === ApplicationCommandOptionType.Mentionable;
      const user = wantsUser ? world.users.get(id) : undefined;
      const member = user ? guild.members.get(id) : undefined;
      if (user) (resolved.users ??= {})[id] = user;
      if (member) (resolved.members ??= {})[id] = resolvedMemberPayload(member, memberPermissions(guild, id));
      const role =
        option.type === ApplicationCommandOptionType.Role ||
        option.type === ApplicationCommandOptionType.Mentionable
          ? guild.roles.get(id)
          : undefined;
      if (role) (resolved.roles ??= {})[id] = role;
      const channel =
        option.type === ApplicationCommandOptionType.Channel ? guild.channels.get(id) : undefined;
      if (channel)
        (resolved.channels ??= {})[id] = {
          id,
          type: channel.type,
          name: channel.name,
          permissions: '0',
        } as never;
    }
  };
  walk(options);
  return Object.keys(resolved).length ? resolved : undefined;
}

export function commandInteraction(
  world: SimWorld,
  c: Common & { name: string; options?: CommandOptionsInput },
): APIChatInputApplicationCommandInteraction {
  const command = [...c.guild.commands.values(), ...world.globalCommands.values()].find(
    (cmd) => cmd.name === c.name,
  );
  const options = toOptions(c.options, command?.options ?? []);
  const resolved = resolve(world, c.guild, options);
  return {
    ...base(world, c),
    type: InteractionType.ApplicationCommand,
    data: {
      // An unregistered name still gets a stable fake id, so tests need not register first.
      id: command?.id ?? world.ids.next(),
      name: c.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    },
  } as APIChatInputApplicationCommandInteraction;
}

export function componentInteraction(
  world: SimWorld,
  c: Common & { message: APIMessage; customId: string; componentType?: ComponentType; values?: string[] },
): APIMessageComponentInteraction {
  const componentType = c.componentType ?? (c.values ? ComponentType.StringSelect : ComponentType.Button);
  return {
    ...base(world, c),
    type: InteractionType.MessageComponent,
    message: c.message,
    data: {
      custom_id: c.customId,
      component_type: componentType,
      ...(componentType === ComponentType.Button ? {} : { values: c.values ?? [] }),
    },
  } as APIMessageComponentInteraction;
}
