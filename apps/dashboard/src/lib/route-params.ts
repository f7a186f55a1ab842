import { BadRequest } from './api-response';
import { isSnowflake } from './snowflake';

/** Route params are promises in Next 15; this awaits and checks a userId segment. */
export function memberId(userId: string): string {
  if (!isSnowflake(userId)) throw new BadRequest('userId must be a Discord id');
  return userId;
}

export function snowflakeList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 25 || !value.every(isSnowflake))
    throw new BadRequest(`${field} must be a list of up to 25 Discord role ids`);
  return value;
}
