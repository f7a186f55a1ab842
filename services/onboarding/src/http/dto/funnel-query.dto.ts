import { IsISO8601, IsOptional } from 'class-validator';

/** The cohort: members who first joined in [from, to). */
export class FunnelQueryDto {
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
