import type { APIApplicationCommand, APIGuildTextChannel, APIMessage, APIRole, APIUser, ChannelType } from 'discord-api-types/v10';

export type SimTextChannel = APIGuildTextChannel<ChannelType.GuildText>;

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
  channels: Map<string, SimTextChannel>;
  members: Map<string, SimMember>;
  commands: Map<string, APIApplicationCommand>;
}

export interface SimChannelLog {
  guildId: string;
  messages: APIMessage[];
}

export type SimUser = APIUser;
