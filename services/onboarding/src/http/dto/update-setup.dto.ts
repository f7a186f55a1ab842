import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

const nullable = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== null);

/** Every field optional: what is sent changes, what is left out stays; null clears an id. */
export class UpdateSetupDto {
  @IsOptional()
  @nullable('rulesChannelId')
  @Matches(SNOWFLAKE, { message: 'rulesChannelId must be a Discord snowflake or null' })
  rulesChannelId?: string | null;

  @IsOptional()
  @nullable('welcomeChannelId')
  @Matches(SNOWFLAKE, { message: 'welcomeChannelId must be a Discord snowflake or null' })
  welcomeChannelId?: string | null;

  @IsOptional()
  @nullable('preMemberRoleId')
  @Matches(SNOWFLAKE, { message: 'preMemberRoleId must be a Discord snowflake or null' })
  preMemberRoleId?: string | null;

  @IsOptional()
  @nullable('memberRoleId')
  @Matches(SNOWFLAKE, { message: 'memberRoleId must be a Discord snowflake or null' })
  memberRoleId?: string | null;

  @IsOptional()
  @nullable('modRoleId')
  @Matches(SNOWFLAKE, { message: 'modRoleId must be a Discord snowflake or null' })
  modRoleId?: string | null;

  /** Discord caps role names at 100 characters. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) preMemberRoleName?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) memberRoleName?: string;

  /** Discord caps message content at 2000 characters. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) welcomeText?: string;

  @IsOptional() @IsBoolean() restartOnRejoin?: boolean;

  /** Whether a new rules version sends members who agreed to an older one back to Pre-Member. */
  @IsOptional() @IsBoolean() reagreeOnNewVersion?: boolean;

  /** Ask Discord to create the Pre-Member/Member roles that are still missing (default true). */
  @IsOptional() @IsBoolean() createMissingRoles?: boolean;
}
