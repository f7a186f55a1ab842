import { IsOptional, Matches } from 'class-validator';
import { SNOWFLAKE } from '@guildhall/contracts';

/** Confirms the proposed setup; a channel sent here replaces the proposed one. */
export class ConfirmSetupDto {
  @IsOptional()
  @Matches(SNOWFLAKE, { message: 'rulesChannelId must be a Discord snowflake' })
  rulesChannelId?: string;

  @IsOptional()
  @Matches(SNOWFLAKE, { message: 'welcomeChannelId must be a Discord snowflake' })
  welcomeChannelId?: string;
}
