import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import { SNOWFLAKE } from './envelope';

/** Facts the gateway observed in Discord, published on the DISCORD stream. */
export const DiscordEventType = {
  MessageCreated: 'message.created',
  MemberJoined: 'member.joined',
  MemberLeft: 'member.left',
  MemberUpdated: 'member.updated',
  InteractionCommand: 'interaction.command',
  InteractionComponent: 'interaction.component',
  GuildSynced: 'guild.synced',
  RoleUpserted: 'role.upserted',
  RoleDeleted: 'role.deleted',
  ChannelUpserted: 'channel.upserted',
  ChannelDeleted: 'channel.deleted',
} as const;

/** No message content: XP needs only who, where and when (and Discord gates content behind an intent). */
export class MessageCreated {
  @Matches(SNOWFLAKE) messageId!: string;
  @Matches(SNOWFLAKE) channelId!: string;
  @Matches(SNOWFLAKE) userId!: string;
  @IsArray() @ArrayMaxSize(250) @Matches(SNOWFLAKE, { each: true }) roleIds!: string[];
  @IsBoolean() bot!: boolean;
  @IsOptional() @Matches(SNOWFLAKE) parentChannelId?: string;
  /** The name the guild shows for the author (nickname, else display name, else username): leaderboards show it. */
  @IsOptional() @IsString() @MaxLength(100) displayName?: string;
}

export class MemberJoined {
  @Matches(SNOWFLAKE) userId!: string;
  @IsString() @MaxLength(100) username!: string;
  @IsBoolean() bot!: boolean;
  @IsArray() @Matches(SNOWFLAKE, { each: true }) roleIds!: string[];
  @IsISO8601() joinedAt!: string;
}

export class MemberLeft {
  @Matches(SNOWFLAKE) userId!: string;
}

export class MemberUpdated {
  @Matches(SNOWFLAKE) userId!: string;
  @IsArray() @Matches(SNOWFLAKE, { each: true }) roleIds!: string[];
  @IsOptional() @IsString() @MaxLength(100) nick?: string;
}

export class RoleInfo {
  @Matches(SNOWFLAKE) id!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsInt() position!: number;
  /** Discord permission bitfield as a decimal string (it exceeds 53 bits). */
  @Matches(/^\d{1,30}$/) permissions!: string;
  @IsBoolean() managed!: boolean;
  @IsInt() @Min(0) color!: number;
}

/** A guild channel as services may show it: categories (type 4) group the others through `parentId`. */
export class ChannelInfo {
  @Matches(SNOWFLAKE) id!: string;
  @IsString() @MaxLength(100) name!: string;
  /** Discord channel type: 0 text, 2 voice, 4 category, 5 announcement, 15 forum, … */
  @IsInt() @Min(0) type!: number;
  @IsOptional() @Matches(SNOWFLAKE) parentId?: string;
  @IsInt() position!: number;
}

/** Sent when the gateway (re)receives a whole guild: its roles, channels and the bot's own roles. */
export class GuildSynced {
  @IsString() @MaxLength(100) name!: string;
  @Matches(SNOWFLAKE) ownerId!: string;
  @Matches(SNOWFLAKE) botUserId!: string;
  @IsArray() @Matches(SNOWFLAKE, { each: true }) botRoleIds!: string[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => RoleInfo) roles!: RoleInfo[];
  @IsInt() @Min(0) memberCount!: number;
  /** Absent in events recorded before channels were reported: the channel list is then unknown, not empty. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ChannelInfo) channels?: ChannelInfo[];
}

export class RoleUpserted {
  @ValidateNested() @Type(() => RoleInfo) role!: RoleInfo;
}

export class RoleDeleted {
  @Matches(SNOWFLAKE) roleId!: string;
}

export class ChannelUpserted {
  @ValidateNested() @Type(() => ChannelInfo) channel!: ChannelInfo;
}

export class ChannelDeleted {
  @Matches(SNOWFLAKE) channelId!: string;
}

export class CommandOption {
  @IsString() @MaxLength(32) name!: string;
  @IsInt() type!: number;
  @IsOptional() value?: string | number | boolean;
}

/** The interaction's reply handle: what a service needs to answer through an action. */
export class InteractionBase {
  @Matches(SNOWFLAKE) interactionId!: string;
  @IsString() @MaxLength(500) token!: string;
  @Matches(SNOWFLAKE) applicationId!: string;
  @Matches(SNOWFLAKE) userId!: string;
  @IsString() @MaxLength(100) username!: string;
  @Matches(SNOWFLAKE) channelId!: string;
  @IsArray() @Matches(SNOWFLAKE, { each: true }) roleIds!: string[];
  /** The member's permissions in the channel, a decimal bitfield string. */
  @Matches(/^\d{1,30}$/) permissions!: string;
  @IsOptional() @IsString() @MaxLength(20) locale?: string;
}

export class InteractionCommand extends InteractionBase {
  @IsString() @MaxLength(32) commandName!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CommandOption) options!: CommandOption[];
}

export class InteractionComponent extends InteractionBase {
  @IsString() @MaxLength(100) customId!: string;
  @IsIn([2, 3, 5, 6, 7, 8]) componentType!: number;
  @IsArray() @ArrayMaxSize(25) @IsString({ each: true }) values!: string[];
  @Matches(SNOWFLAKE) messageId!: string;
}
