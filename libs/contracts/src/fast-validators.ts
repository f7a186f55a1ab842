import { SNOWFLAKE } from './envelope';
import type { MessageCreated } from './discord';

/**
 * Hand-written validators for the events that dominate traffic. class-validator costs about a
 * third of a consumer's CPU at 20k events/s; these produce the same verdicts (a unit spec
 * compares them) with no reflection and one small allocation.
 */
export type FastValidator = (data: Record<string, unknown>) => { value: object } | { error: string };

const isSnowflake = (v: unknown): v is string => typeof v === 'string' && SNOWFLAKE.test(v);

export const validateMessageCreated: FastValidator = (d) => {
  if (!isSnowflake(d.messageId)) return { error: 'messageId: must be a Discord snowflake' };
  if (!isSnowflake(d.channelId)) return { error: 'channelId: must be a Discord snowflake' };
  if (!isSnowflake(d.userId)) return { error: 'userId: must be a Discord snowflake' };
  const roles = d.roleIds;
  if (!Array.isArray(roles) || roles.length > 250)
    return { error: 'roleIds: must be an array of at most 250 snowflakes' };
  for (let i = 0; i < roles.length; i++) {
    if (!isSnowflake(roles[i])) return { error: `roleIds: element ${i} must be a Discord snowflake` };
  }
  if (typeof d.bot !== 'boolean') return { error: 'bot: must be a boolean' };
  const value: MessageCreated = {
    messageId: d.messageId,
    channelId: d.channelId,
    userId: d.userId,
    roleIds: roles,
    bot: d.bot,
  };
  if (d.parentChannelId !== undefined) {
    if (!isSnowflake(d.parentChannelId)) return { error: 'parentChannelId: must be a Discord snowflake' };
    value.parentChannelId = d.parentChannelId;
  }
  if (d.displayName !== undefined) {
    if (typeof d.displayName !== 'string' || d.displayName.length > 100)
      return { error: 'displayName: must be a string of at most 100 characters' };
    value.displayName = d.displayName;
  }
  return { value };
};
