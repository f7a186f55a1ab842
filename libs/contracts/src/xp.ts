import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { SNOWFLAKE } from './envelope';

/**
 * How far down a guild's leaderboard the xp read API pages for someone outside the guild. The
 * board is public, as it is in Discord, but its depth is the guild's member list with each
 * member's activity: the top thousand show who leads without handing a scraper every member.
 */
export const PUBLIC_LEADERBOARD_DEPTH = 1000;

export const XpEventType = {
  Awarded: 'xp.awarded',
  LevelReached: 'xp.level_reached',
} as const;

export class XpAwarded {
  @Matches(SNOWFLAKE) userId!: string;
  @IsInt() @Min(0) amount!: number;
  @IsInt() @Min(0) totalXp!: number;
  @IsInt() @Min(0) level!: number;
  @IsOptional() @Matches(SNOWFLAKE) messageId?: string;
  @IsOptional() @Matches(SNOWFLAKE) channelId?: string;
}

export class XpLevelReached {
  @Matches(SNOWFLAKE) userId!: string;
  @IsInt() @Min(0) level!: number;
  @IsInt() @Min(0) previousLevel!: number;
  @IsInt() @Min(0) totalXp!: number;
  @IsOptional() @Matches(SNOWFLAKE) channelId?: string;
}
