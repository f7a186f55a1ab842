import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

export class RoleRequestDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(25)
  @Matches(SNOWFLAKE, { each: true, message: 'each value in add must be a Discord snowflake' })
  add?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(25)
  @Matches(SNOWFLAKE, { each: true, message: 'each value in remove must be a Discord snowflake' })
  remove?: string[];
}
