import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  Min,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { SNOWFLAKE } from './envelope';

/**
 * Commands to Discord, published on ACTIONS and executed only by the gateway. Names are
 * imperative. Embeds and components follow Discord's own JSON shapes (discord-api-types).
 */
export const ActionType = {
  InteractionReply: 'interaction.reply',
  InteractionDefer: 'interaction.defer',
  InteractionUpdate: 'interaction.update',
  MessageSend: 'message.send',
  MessageDelete: 'message.delete',
  RoleAdd: 'role.add',
  RoleRemove: 'role.remove',
  CommandsRegister: 'commands.register',
  RoleCreate: 'role.create',
} as const;
export type ActionKind = (typeof ActionType)[keyof typeof ActionType];

export class MessageBody {
  @IsOptional() @IsString() @MaxLength(2000) content?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsObject({ each: true }) embeds?: Record<string, unknown>[];
  @IsOptional() @IsArray() @ArrayMaxSize(5) @IsObject({ each: true }) components?: Record<string, unknown>[];
}

export class InteractionReply extends MessageBody {
  @Matches(SNOWFLAKE) interactionId!: string;
  @IsString() @MaxLength(500) token!: string;
  @Matches(SNOWFLAKE) applicationId!: string;
  @IsOptional() @IsBoolean() ephemeral?: boolean;
}

/** Replaces the message a component sits on (Discord callback type 7). */
export class InteractionUpdate extends MessageBody {
  @Matches(SNOWFLAKE) interactionId!: string;
  @IsString() @MaxLength(500) token!: string;
  @Matches(SNOWFLAKE) applicationId!: string;
}

export class InteractionDefer {
  @Matches(SNOWFLAKE) interactionId!: string;
  @IsString() @MaxLength(500) token!: string;
  @Matches(SNOWFLAKE) applicationId!: string;
  @IsOptional() @IsBoolean() ephemeral?: boolean;
}

export class MessageSend extends MessageBody {
  @Matches(SNOWFLAKE) channelId!: string;
}

/** Removes one of the bot's messages; one that is already gone counts as removed. */
export class MessageDelete {
  @Matches(SNOWFLAKE) channelId!: string;
  @Matches(SNOWFLAKE) messageId!: string;
  @IsOptional() @IsString() @MaxLength(400) reason?: string;
}

export class RoleChange {
  @Matches(SNOWFLAKE) userId!: string;
  @Matches(SNOWFLAKE) roleId!: string;
  @IsOptional() @IsString() @MaxLength(400) reason?: string;
}

/**
 * Who decided a role.add: a member for themselves (`self-service`), a level reward, onboarding,
 * enforcement of a member's earlier choice, or a moderator. Every kind but `moderator` is the bot
 * acting on its own, so the gateway re-checks the live role before granting it; an action without
 * the field (sent before it existed) counts as such too.
 */
export const ROLE_GRANTS = ['self-service', 'reward', 'onboarding', 'enforce', 'moderator'] as const;
export type RoleGrantKind = (typeof ROLE_GRANTS)[number];

export class RoleGrant extends RoleChange {
  @IsOptional() @IsIn(ROLE_GRANTS) grant?: RoleGrantKind;
}

export class CommandOptionSpec {
  @IsIn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) type!: number;
  @Matches(/^[-_\p{L}\p{N}]{1,32}$/u) name!: string;
  @IsString() @MaxLength(100) description!: string;
  @IsOptional() @IsBoolean() required?: boolean;
}

export class CommandSpec {
  @Matches(/^[-_\p{L}\p{N}]{1,32}$/u) name!: string;
  @IsString() @MaxLength(100) description!: string;
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CommandOptionSpec)
  options?: CommandOptionSpec[];
  /** Decimal permission bitfield a member needs by default (Discord's default_member_permissions). */
  @IsOptional() @Matches(/^\d{1,30}$/) defaultMemberPermissions?: string;
}

/** Registers (overwrites) one owner's commands in a guild; the gateway merges all owners. */
export class CommandsRegister {
  @IsString() @MaxLength(40) owner!: string;
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CommandSpec)
  commands!: CommandSpec[];
}

/** Creates a guild role; the gateway's `action.done` result carries the new role id as `resultId`. */
export class RoleCreate {
  @IsString() @MaxLength(100) name!: string;
  @IsOptional() @IsInt() @Min(0) color?: number;
  /** Decimal permission bitfield; defaults to none. */
  @IsOptional() @Matches(/^\d{1,30}$/) permissions?: string;
  @IsOptional() @IsString() @MaxLength(400) reason?: string;
}
