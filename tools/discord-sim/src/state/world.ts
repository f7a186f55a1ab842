import { ChannelType } from 'discord-api-types/v10';
import type {
  APIApplicationCommand,
  APIMessage,
  APIUser,
  GatewayDispatchEvents,
  UserFlags,
} from 'discord-api-types/v10';
import { ApiError, unknown } from '../http/api-error';
import type { SimChannel, SimGuild, SimMember, SimTextChannel } from './model';
import { SnowflakeGenerator } from './snowflake';

/** Where state changes go out as gateway dispatches; the gateway picks sessions by shard and intent. */
export interface DispatchSink {
  /** `data` is the payload, or a function returning it already serialized (for hot paths). */
  toGuild(guildId: string, event: GatewayDispatchEvents, data: unknown, intent: number): void;
  /** The bot was added to a guild: sessions of its shard get a GUILD_CREATE. */
  guildAdded(guildId: string): void;
}

export interface WorldIdentity {
  botToken: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
  clientSecret: string;
}

/** Everything the simulated Discord knows: users, guilds, messages, commands. */
export class SimWorld {
  readonly ids = new SnowflakeGenerator(1);
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, SimGuild>();
  readonly channelGuild = new Map<string, string>();
  readonly channelMessages = new Map<string, APIMessage[]>();
  readonly messages = new Map<string, APIMessage>();
  readonly globalCommands = new Map<string, APIApplicationCommand>();
  readonly bot: APIUser;
  sink: DispatchSink = { toGuild: () => undefined, guildAdded: () => undefined };

  constructor(
    readonly identity: WorldIdentity,
    /** Messages kept per channel; older ones are forgotten so benchmarks do not exhaust memory. */
    readonly maxMessagesPerChannel = 2000,
  ) {
    this.bot = {
      id: identity.botUserId,
      username: identity.botUsername,
      discriminator: '0000',
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
    };
    this.users.set(this.bot.id, this.bot);
  }

  guild(id: string): SimGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw unknown.guild();
    return guild;
  }

  channel(id: string): { guild: SimGuild; channel: SimChannel } {
    const guildId = this.channelGuild.get(id);
    const guild = guildId ? this.guilds.get(guildId) : undefined;
    const channel = guild?.channels.get(id);
    if (!guild || !channel) throw unknown.channel();
    return { guild, channel };
  }

  /** A channel that holds messages; a category is refused as Discord does (50008). */
  textChannel(id: string): { guild: SimGuild; channel: SimTextChannel } {
    const { guild, channel } = this.channel(id);
    if (channel.type !== ChannelType.GuildText)
      throw new ApiError(400, 50008, 'Cannot send messages in a non-text channel');
    return { guild, channel };
  }

  member(guild: SimGuild, userId: string): SimMember {
    const member = guild.members.get(userId);
    if (!member) throw unknown.member();
    return member;
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw unknown.user();
    return user;
  }

  /** Creates or reuses a user; a username alone gets a fresh snowflake. */
  upsertUser(input: { id?: string; username: string; globalName?: string | null; bot?: boolean }): APIUser {
    const existing = input.id ? this.users.get(input.id) : undefined;
    if (existing) return existing;
    const user: APIUser = {
      id: input.id ?? this.ids.next(),
      username: input.username,
      discriminator: '0',
      global_name: input.globalName ?? null,
      avatar: null,
      ...(input.bot ? { bot: true } : {}),
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
    };
    this.users.set(user.id, user);
    return user;
  }

  storeMessage(message: APIMessage): void {
    let log = this.channelMessages.get(message.channel_id);
    if (!log) this.channelMessages.set(message.channel_id, (log = []));
    log.push(message);
    this.messages.set(message.id, message);
    if (log.length > this.maxMessagesPerChannel * 1.25) {
      for (const old of log.splice(0, log.length - this.maxMessagesPerChannel)) this.messages.delete(old.id);
    }
  }

  message(channelId: string, messageId: string): APIMessage {
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId) throw unknown.message();
    return message;
  }
}
