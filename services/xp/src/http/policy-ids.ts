import type { IdReference } from '@guildhall/guild-directory';
import type { XpPolicy } from '../domain/policy';

/**
 * Every role and channel id a policy names, by the field that holds it: each must be one of the
 * guild's own, or a moderator could point the level-up announcement at another server's channel.
 */
export function policyIdReferences(policy: XpPolicy): IdReference[] {
  return [
    { field: 'roleMultipliers', kind: 'role', ids: Object.keys(policy.roleMultipliers) },
    { field: 'channelMultipliers', kind: 'channel', ids: Object.keys(policy.channelMultipliers) },
    { field: 'noXpChannels', kind: 'channel', ids: policy.noXpChannels },
    {
      field: 'levelUpMessage.channelId',
      kind: 'channel',
      ids: policy.levelUpMessage.channelId ? [policy.levelUpMessage.channelId] : [],
    },
  ];
}
