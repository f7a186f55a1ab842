import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

/** Discord lets a user be in at most 200 guilds; sign-in asks about all of them at once. */
export class StandingQueryDto {
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SNOWFLAKE, { each: true, message: 'each value in guildIds must be a Discord snowflake' })
  guildIds!: string[];
}
