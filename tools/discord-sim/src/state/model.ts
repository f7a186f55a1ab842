import type {
  APIApplicationCommand,
  APIGuildCategoryChannel,
  APIGuildTextChannel,
  APIMessage,
  APIRole,
  APIUser,
  ChannelType,
} from 'discord-api-types/v10';

export type SimTextChannel = APIGuildTextChannel<ChannelType.GuildText>;
/** A category (type 4): holds no messages, groups text channels through their `parent_id`. */
export type SimCategoryChannel = APIGuildCategoryChannel;
export type SimChannel = SimTextChannel | SimCategoryChannel;

export interface SimMember {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
  communicationDisabledUntil: string | null;
}

export interface SimGuild {
  id: string;
  name: string;
  ownerId: string;
  createdAt: string;
  roles: Map<string, APIRole>;
  channels: Map<string, SimChannel>;
  members: Map<string, SimMember>;
  commands: Map<string, APIApplicationCommand>;
}

export interface SimChannelLog {
  guildId: string;
  messages: APIMessage[];
}

export type SimUser = APIUser;
