import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { SNOWFLAKE } from './envelope';

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
