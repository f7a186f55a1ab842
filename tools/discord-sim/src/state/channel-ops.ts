import { ChannelType, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { invalidFormBody } from '../http/api-error';
import type { SimChannel, SimGuild } from './model';
import type { SimWorld } from './world';

export interface ChannelPatch {
  name?: string;
  position?: number;
  /** Move a text channel into a category (its id) or out of any (null). */
  parentId?: string | null;
  topic?: string | null;
}

/** Renames, moves or re-parents a channel; CHANNEL_UPDATE. */
export function updateChannel(
  world: SimWorld,
  found: { guild: SimGuild; channel: SimChannel },
  patch: ChannelPatch,
): SimChannel {
  const { guild, channel } = found;
  if (patch.name !== undefined) {
    if (typeof patch.name !== 'string' || patch.name.length === 0 || patch.name.length > 100)
      throw invalidFormBody('name', 'Must be between 1 and 100 in length.');
    channel.name = patch.name;
  }
  if (patch.position !== undefined) channel.position = Number(patch.position);
  if (patch.parentId !== undefined && channel.type === ChannelType.GuildText) {
    const parent = patch.parentId === null ? undefined : guild.channels.get(patch.parentId);
    if (patch.parentId !== null && parent?.type !== ChannelType.GuildCategory)
      throw invalidFormBody('parent_id', 'Category does not exist');
    channel.parent_id = patch.parentId;
  }
  if (patch.topic !== undefined && channel.type === ChannelType.GuildText) channel.topic = patch.topic;
  world.sink.toGuild(guild.id, GatewayDispatchEvents.ChannelUpdate, channel, GatewayIntentBits.Guilds);
  return channel;
}

/** Deletes a channel; a deleted category leaves its channels without a parent, as in Discord. CHANNEL_DELETE. */
export function deleteChannel(world: SimWorld, found: { guild: SimGuild; channel: SimChannel }): void {
  const { guild, channel } = found;
  guild.channels.delete(channel.id);
  world.channelGuild.delete(channel.id);
  world.channelMessages.delete(channel.id);
  world.sink.toGuild(guild.id, GatewayDispatchEvents.ChannelDelete, channel, GatewayIntentBits.Guilds);
  if (channel.type !== ChannelType.GuildCategory) return;
  for (const child of guild.channels.values()) {
    if (child.type === ChannelType.GuildText && child.parent_id === channel.id) {
      child.parent_id = null;
      world.sink.toGuild(guild.id, GatewayDispatchEvents.ChannelUpdate, child, GatewayIntentBits.Guilds);
    }
  }
}
