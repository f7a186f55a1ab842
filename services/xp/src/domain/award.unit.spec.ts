import { baseAmount, decideAward, MemberState, MessageFacts, NEW_MEMBER } from './award';
import { DEFAULT_POLICY, XpPolicy } from './policy';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const msg = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  messageId: '900000000000000001',
  channelId: '200',
  roleIds: [],
  bot: false,
  occurredAt: T0,
  ...over,
});
const policy = (over: Partial<XpPolicy> = {}): XpPolicy => ({ ...DEFAULT_POLICY, ...over });
const after = (state: MemberState, m: MessageFacts, p = DEFAULT_POLICY) => decideAward(p, state, m)!;

describe('deciding XP for a message', () => {
  it('a first message earns 10 XP and counts', () => {
    const d = after(NEW_MEMBER, msg());
    expect(d.amount).toBe(10);
    expect(d.next).toEqual({ xp: 10, level: 0, messages: 1, lastAwardAt: T0 });
  });

  it('bots earn nothing and are not counted', () => {
    expect(decideAward(DEFAULT_POLICY, NEW_MEMBER, msg({ bot: true }))).toBeNull();
  });

  it('a member who posts twice within the cooldown earns XP once', () => {
    const first = after(NEW_MEMBER, msg());
    const second = after(first.next, msg({ occurredAt: T0 + 59_999 }));
    expect(second).toMatchObject({ amount: 0, reason: 'cooldown' });
    expect(second.next).toEqual({ xp: 10, level: 0, messages: 2, lastAwardAt: T0 });
  });

  it('a message exactly one cooldown after the last award earns again', () => {
    const first = after(NEW_MEMBER, msg());
    expect(after(first.next, msg({ occurredAt: T0 + 60_000 })).amount).toBe(10);
  });

  it('a message that arrives out of order, older than the last award, earns nothing', () => {
    const first = after(NEW_MEMBER, msg({ occurredAt: T0 + 600_000 }));
    expect(after(first.next, msg({ occurredAt: T0 })).reason).toBe('cooldown');
  });

  it('the cooldown is measured on message time, so a burst delivered late is still one award', () => {
    let state = NEW_MEMBER;
    for (let i = 0; i < 10; i++) state = after(state, msg({ occurredAt: T0 + i * 1000 })).next;
    expect(state).toMatchObject({ xp: 10, messages: 10 });
  });

  it('a no-XP channel counts the message but earns nothing, also in its threads', () => {
    const p = policy({ noXpChannels: ['200'] });
    expect(after(NEW_MEMBER, msg(), p)).toMatchObject({ amount: 0, reason: 'no_xp_channel' });
    const inThread = after(NEW_MEMBER, msg({ channelId: '201', parentChannelId: '200' }), p);
    expect(inThread).toMatchObject({
      amount: 0,
      reason: 'no_xp_channel',
      next: { messages: 1, lastAwardAt: null },
    });
  });

  it('a message in a no-XP channel does not start the cooldown', () => {
    const p = policy({ noXpChannels: ['200'] });
    const muted = after(NEW_MEMBER, msg(), p);
    expect(after(muted.next, msg({ channelId: '300', occurredAt: T0 + 1 }), p).amount).toBe(10);
  });

  it('a member with several boosted roles gets the best multiplier, times the channel multiplier', () => {
    const p = policy({ roleMultipliers: { '1': 1.5, '2': 2 }, channelMultipliers: { '200': 1.5 } });
    expect(after(NEW_MEMBER, msg({ roleIds: ['1', '2', '3'] }), p).amount).toBe(30);
    expect(after(NEW_MEMBER, msg({ roleIds: ['3'] }), p).amount).toBe(15);
  });

  it('a reducing role multiplier applies even though it is below 1', () => {
    const p = policy({ roleMultipliers: { '1': 0.5 } });
    expect(after(NEW_MEMBER, msg({ roleIds: ['1'] }), p).amount).toBe(5);
  });

  it('a thread inherits its parent channel multiplier unless it has its own', () => {
    const p = policy({ channelMultipliers: { '200': 2, '202': 3 } });
    expect(after(NEW_MEMBER, msg({ channelId: '201', parentChannelId: '200' }), p).amount).toBe(20);
    expect(after(NEW_MEMBER, msg({ channelId: '202', parentChannelId: '200' }), p).amount).toBe(30);
  });

  it('a zero multiplier earns nothing and leaves the cooldown untouched', () => {
    const p = policy({ channelMultipliers: { '200': 0 } });
    expect(after(NEW_MEMBER, msg(), p)).toMatchObject({
      amount: 0,
      reason: 'zero_multiplier',
      next: { lastAwardAt: null },
    });
  });

  it('reaching 100 XP is a level-up from 0 to 1', () => {
    const state: MemberState = { xp: 95, level: 0, messages: 9, lastAwardAt: T0 - 60_000 };
    expect(after(state, msg()).levelReached).toEqual({ level: 1, previousLevel: 0 });
    expect(after({ ...state, xp: 50 }, msg()).levelReached).toBeNull();
  });

  it('the step curve decides the level when the guild chose it', () => {
    const state: MemberState = { xp: 250, level: 1, messages: 30, lastAwardAt: null };
    expect(after(state, msg(), policy({ curve: 'step' })).levelReached).toEqual({
      level: 2,
      previousLevel: 1,
    });
  });
});

describe('random amounts', () => {
  const range = { kind: 'random' as const, min: 15, max: 25 };

  it('the same message always earns the same amount, so a replay agrees', () => {
    expect(baseAmount(range, '123456789012345678')).toBe(baseAmount(range, '123456789012345678'));
  });

  it('amounts stay within the range and cover it', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const a = baseAmount(range, String(900000000000000000n + BigInt(i)));
      expect(a).toBeGreaterThanOrEqual(15);
      expect(a).toBeLessThanOrEqual(25);
      seen.add(a);
    }
    expect(seen.size).toBe(11);
  });
});
