import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

export class GuildParams {
  @Matches(SNOWFLAKE, { message: 'guildId must be a Discord snowflake' }) guildId!: string;
}

export class MemberParams extends GuildParams {
  @Matches(SNOWFLAKE, { message: 'userId must be a Discord snowflake' }) userId!: string;
}

export class LeaderboardQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** Deep offsets are still index scans; the cap keeps one request from walking a whole guild. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class MemberSearchQuery {
  @IsString()
  @Length(1, 32, { message: 'search must be 1 to 32 characters of a member name' })
  search!: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}
