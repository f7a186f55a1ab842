import { DEFAULT_POLICY, policyAt, currentPolicy, PolicyVersion, XpPolicy } from './policy';

const doubled: XpPolicy = { ...DEFAULT_POLICY, amount: { kind: 'fixed', xp: 20 } };
const tripled: XpPolicy = { ...DEFAULT_POLICY, amount: { kind: 'fixed', xp: 30 } };
const history: PolicyVersion[] = [
  { version: 1, effectiveAt: 1_000, policy: doubled },
  { version: 2, effectiveAt: 2_000, policy: tripled },
];

describe('policy history', () => {
  it('a guild that never changed its policy gets the product defaults', () => {
    expect(policyAt([], 5)).toBe(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toMatchObject({
      amount: { kind: 'fixed', xp: 10 },
      cooldownSeconds: 60,
      curve: 'sqrt',
    });
  });

  it('a message is judged by the policy in force when it was sent', () => {
    expect(policyAt(history, 999)).toBe(DEFAULT_POLICY);
    expect(policyAt(history, 1_000)).toBe(doubled);
    expect(policyAt(history, 1_999)).toBe(doubled);
    expect(policyAt(history, 2_000)).toBe(tripled);
  });

  it('the current policy is the newest version', () => {
    expect(currentPolicy(history)).toBe(tripled);
    expect(currentPolicy([])).toBe(DEFAULT_POLICY);
  });
});
