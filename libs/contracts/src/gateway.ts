import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

export const GatewayEventType = {
  ActionDone: 'action.done',
  ActionFailed: 'action.failed',
} as const;

/** The gateway's report on one action: `gateway.<guildId>.action.{done,failed}`. */
export class ActionResult {
  /** The envelope id of the action this reports on. */
  @IsString() @MaxLength(200) actionId!: string;
  @IsString() @MaxLength(40) kind!: string;
  @IsOptional() @IsInt() httpStatus?: number;
  @IsOptional() @IsString() @MaxLength(2000) error?: string;
  /** Whether retrying could help (rate limits and 5xx yes; 403/404 no). */
  @IsOptional() retryable?: boolean;
  /** Id of what Discord created, e.g. a message id. */
  @IsOptional() @IsString() @MaxLength(40) resultId?: string;
}
