import {
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  MessageFlags,
  MessageType,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import type { SimGuild } from './model';
import { memberPayload } from './payloads';
import type { SimWorld } from './world';

/** The parts of a message a bot or the control API may set. */
export type MessageContent = Partial<
  Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags' | 'tts' | 'message_reference'>
>;

export interface NewMessage extends MessageContent {
  guild: SimGuild;
  channelId: string;
  author: APIUser;
  /** ISO time; the snowflake is derived from it so `createdAt` equals it. */
  timestamp?: string;
  type?: MessageType;
  extra?: Partial<APIMessage>;
}

const MENTION = /<@!?(\d{17,20})>/g;

function mentionsIn(world: SimWorld, guild: SimGuild, content: string): APIMessage['mentions'] {
  const users: APIMessage['mentions'] = [];
  for (const [, id] of content.matchAll(MENTION)) {
    const user = world.users.get(id);
    const member = guild.members.get(id);
    if (user && !users.some((u) => u.id === id))
      users.push(member ? ({ ...user, member: memberPayload(member, user) } as APIUser) : user);
  }
  return users;
}

export function isEphemeral(message: Pick<APIMessage, 'flags'>): boolean {
  return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/**
 * The MESSAGE_CREATE/UPDATE payload, serialized: the message plus guild_id and the author's
 * member. Spliced into the message's JSON rather than spread into a copy, since benchmarks
 * push tens of thousands of these per second.
 */
function gatewayMessageJson(guild: SimGuild, message: APIMessage): string {
  const json = JSON.stringify(message);
  const member = message.webhook_id ? undefined : guild.members.get(message.author.id);
  const memberJson = member
    ? `,"member":${JSON.stringify({
        nick: member.nick,
        avatar: null,
        roles: member.roles,
        joined_at: member.joinedAt,
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        communication_disabled_until: member.communicationDisabledUntil,
      })}`
    : '';
  return `${json.slice(0, -1)},"guild_id":"${guild.id}"${memberJson}}`;
}

export function buildMessage(world: SimWorld, input: NewMessage): APIMessage {
  const at = input.timestamp ? Date.parse(input.timestamp) : Date.now();
  const content = input.content ?? '';
  return {
    id: input.timestamp ? world.ids.at(at) : world.ids.next(at),
    channel_id: input.channelId,
    author: input.author,
    content,
    timestamp: new Date(at).toISOString(),
    edited_timestamp: null,
    tts: input.tts ?? false,
    mention_everyone: content.includes('@everyone'),
    mentions: content.includes('<@') ? mentionsIn(world, input.guild, content) : [],
    mention_roles: [],
    attachments: [],
    embeds: input.embeds ?? [],
    components: input.components ?? [],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: input.flags ?? (0 as MessageFlags),
    ...(input.message_reference ? { message_reference: input.message_reference } : {}),
    ...input.extra,
  };
}

/** Stores a message and, unless ephemeral, dispatches MESSAGE_CREATE like Discord. */
export function postMessage(world: SimWorld, input: NewMessage): APIMessage {
  const message = buildMessage(world, input);
  if (isEphemeral(message)) {
    world.messages.set(message.id, message);
    return message;
  }
  world.storeMessage(message);
  const channel = input.guild.channels.get(input.channelId);
  if (channel?.type === ChannelType.GuildText) channel.last_message_id = message.id;
  world.sink.toGuild(
    input.guild.id,
    GatewayDispatchEvents.MessageCreate,
    () => gatewayMessageJson(input.guild, message),
    GatewayIntentBits.GuildMessages,
  );
  return message;
}

export function editMessage(
  world: SimWorld,
  guild: SimGuild,
  message: APIMessage,
  patch: MessageContent,
): APIMessage {
  if (patch.content !== undefined) message.content = patch.content ?? '';
  if (patch.embeds !== undefined) message.embeds = patch.embeds ?? [];
  if (patch.components !== undefined) message.components = patch.components ?? [];
  if (patch.flags !== undefined)
    message.flags = ((message.flags ?? 0) & MessageFlags.Ephemeral) | (patch.flags ?? 0);
  message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
  message.edited_timestamp = new Date().toISOString();
  if (!isEphemeral(message)) {
    world.sink.toGuild(
      guild.id,
      GatewayDispatchEvents.MessageUpdate,
      () => gatewayMessageJson(guild, message),
      GatewayIntentBits.GuildMessages,
    );
  }
  return message;
}

export function deleteMessage(world: SimWorld, guild: SimGuild, message: APIMessage): void {
  world.messages.delete(message.id);
  const log = world.channelMessages.get(message.channel_id);
  const index = log?.indexOf(message) ?? -1;
  if (log && index >= 0) log.splice(index, 1);
  if (isEphemeral(message)) return;
  world.sink.toGuild(
    guild.id,
    GatewayDispatchEvents.MessageDelete,
    { id: message.id, channel_id: message.channel_id, guild_id: guild.id },
    GatewayIntentBits.GuildMessages,
  );
}

/** Newest first, like GET /channels/{id}/messages. */
export function listMessages(
  world: SimWorld,
  channelId: string,
  q: { limit?: number; before?: string; after?: string },
): APIMessage[] {
  const log = world.channelMessages.get(channelId) ?? [];
  const limit = Math.max(1, Math.min(100, q.limit ?? 50));
  let list = log;
  if (q.before) list = list.filter((m) => BigInt(m.id) < BigInt(q.before as string));
  if (q.after) {
    const after = BigInt(q.after);
    return list
      .filter((m) => BigInt(m.id) > after)
      .slice(0, limit)
      .reverse();
  }
  return list.slice(-limit).reverse();
}
