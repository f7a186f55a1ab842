import { DEFAULT_POLICY, XpPolicy } from './policy';
import { policyChanges } from './policy-changes';

const policy = (patch: Partial<XpPolicy>): XpPolicy => ({ ...DEFAULT_POLICY, ...patch });
const texts = (before: XpPolicy, after: XpPolicy) => policyChanges(before, after).map((c) => c.text);

describe('what changed in the XP policy', () => {
  it('an unchanged policy has no changes', () => {
    expect(policyChanges(DEFAULT_POLICY, policy({}))).toEqual([]);
  });

  it('a changed role multiplier reads as before → after', () => {
    const before = policy({ roleMultipliers: { '300000000000000001': 1.5 } });
    const after = policy({ roleMultipliers: { '300000000000000001': 2 } });
    expect(policyChanges(before, after)).toEqual([
      {
        kind: 'changed',
        field: 'roleMultipliers.300000000000000001',
        text: 'multiplier for role 300000000000000001 1.5 → 2',
        before: 1.5,
        after: 2,
      },
    ]);
  });

  it('multipliers and no-XP channels added and removed are named by id', () => {
    const before = policy({
      channelMultipliers: { '200000000000000001': 3 },
      noXpChannels: ['200000000000000005'],
    });
    const after = policy({
      roleMultipliers: { '300000000000000002': 2 },
      noXpChannels: ['200000000000000006'],
    });
    expect(texts(before, after)).toEqual([
      'multiplier ×2 for role 300000000000000002 added',
      'multiplier ×3 for channel 200000000000000001 removed',
      'no-XP channel 200000000000000006 added',
      'no-XP channel 200000000000000005 removed',
    ]);
  });

  it('amount, cooldown, curve and the level-up message read in words', () => {
    const after = policy({
      amount: { kind: 'random', min: 15, max: 25 },
      cooldownSeconds: 30,
      curve: 'step',
      levelUpMessage: { enabled: false, channelId: '200000000000000009', template: 'GG {user}' },
    });
    expect(texts(DEFAULT_POLICY, after)).toEqual([
      'XP per message 10 XP → 15–25 XP',
      'cooldown 60 s → 30 s',
      'level curve square root → step (5·L²+50·L+100)',
      'level-up announcements yes → no',
      'level-up channel the channel the member wrote in → 200000000000000009',
      'level-up message "🎉 {user} reached **level {level}**!" → "GG {user}"',
    ]);
  });
});
