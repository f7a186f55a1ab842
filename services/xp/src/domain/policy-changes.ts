import {
  ConfigChange,
  fieldChange,
  keyedChanges,
  setChanges,
  show,
  showPlain,
} from '@guildhall/config-history';
import type { XpAmount, XpPolicy } from './policy';

const amountText = (a: XpAmount) => (a.kind === 'fixed' ? `${a.xp} XP` : `${a.min}–${a.max} XP`);
const curveText = (c: unknown) => (c === 'step' ? 'step (5·L²+50·L+100)' : 'square root');

/** Multipliers keyed by role or channel id, in words: "multiplier for role 3001… 1.5 → 2". */
function multiplierChanges(
  field: string,
  noun: 'role' | 'channel',
  before: Record<string, number>,
  after: Record<string, number>,
): ConfigChange[] {
  return keyedChanges(field, new Map(Object.entries(before)), new Map(Object.entries(after)), {
    name: (id) => `${noun} ${id}`,
    added: (id, m) => `multiplier ×${m} for ${noun} ${id} added`,
    removed: (id, m) => `multiplier ×${m} for ${noun} ${id} removed`,
    changed: (id, b, a, path) => fieldChange(path, `multiplier for ${noun} ${id}`, b, a),
  });
}

/** Pure: what a moderator changed between two versions of the XP policy, field by field. */
export function policyChanges(before: XpPolicy, after: XpPolicy): ConfigChange[] {
  const b = before.levelUpMessage;
  const a = after.levelUpMessage;
  return [
    ...fieldChange('amount', 'XP per message', before.amount, after.amount, (v) => amountText(v as XpAmount)),
    ...fieldChange(
      'cooldownSeconds',
      'cooldown',
      before.cooldownSeconds,
      after.cooldownSeconds,
      (v) => `${v} s`,
    ),
    ...fieldChange('curve', 'level curve', before.curve, after.curve, curveText),
    ...multiplierChanges('roleMultipliers', 'role', before.roleMultipliers, after.roleMultipliers),
    ...multiplierChanges(
      'channelMultipliers',
      'channel',
      before.channelMultipliers,
      after.channelMultipliers,
    ),
    ...setChanges('noXpChannels', 'no-XP channel', before.noXpChannels, after.noXpChannels),
    ...fieldChange('levelUpMessage.enabled', 'level-up announcements', b.enabled, a.enabled),
    ...fieldChange(
      'levelUpMessage.channelId',
      'level-up channel',
      b.channelId ?? null,
      a.channelId ?? null,
      (v) => (v === null ? 'the channel the member wrote in' : showPlain(v)),
    ),
    ...fieldChange('levelUpMessage.template', 'level-up message', b.template, a.template, show),
  ];
}
