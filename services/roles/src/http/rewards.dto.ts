import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

export class LevelRewardDto {
  @IsInt() @Min(1) @Max(1000) level!: number;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(SNOWFLAKE, { each: true, message: 'each value in roleIds must be a Discord snowflake' })
  roleIds!: string[];
}

export class RewardTableDto {
  @IsIn(['stack', 'highest']) mode!: 'stack' | 'highest';
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LevelRewardDto)
  rewards!: LevelRewardDto[];
}

export class SettingsDto {
  /** Put back managed roles changed by hand in Discord instead of following the change. */
  @IsBoolean() enforce!: boolean;
}
