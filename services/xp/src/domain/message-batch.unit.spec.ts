import { decideBatch, GuildMessage, memberKey } from './message-batch';
import { DEFAULT_POLICY } from './policy';
import { MemberState } from './award';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const message = (user: number, i: number, occurredAt: number): GuildMessage => ({
  eventId: `m-${user}-${i}`,
  messageId: String(900000000000000000n + BigInt(user * 1000 + i)),
  guildId: '100',
  userId: String(1000 + user),
  channelId: '200',
  roleIds: [],
  bot: false,
  occurredAt,
});

describe('deciding a batch in stream order', () => {
  it('50 members × 20 messages 30 s apart earn exactly 10 XP per minute each', () => {
    const messages: GuildMessage[] = [];
    for (let i = 0; i < 20; i++) for (let u = 0; u < 50; u++) messages.push(message(u, i, T0 + i * 30_000));
    const { entries, touched } = decideBatch(messages, new Map(), () => DEFAULT_POLICY);
    expect(entries).toHaveLength(1000);
    // Messages at 0, 30, 60 … 570 s: awards at 0, 60 … 540 s = 10 awards = 100 XP = level 1.
    for (let u = 0; u < 50; u++) {
      expect(touched.get(memberKey('100', String(1000 + u)))).toEqual({
        xp: 100,
        level: 1,
        messages: 20,
        lastAwardAt: T0 + 540_000,
      });
    }
    expect(entries.filter((e) => e.levelReached)).toHaveLength(50);
  });

  it('continues from the stored state of a member and does not change it', () => {
    const stored: MemberState = { xp: 90, level: 0, messages: 5, lastAwardAt: T0 - 60_000 };
    const states = new Map([[memberKey('100', '1000'), stored]]);
    const { entries, touched } = decideBatch([message(0, 0, T0)], states, () => DEFAULT_POLICY);
    expect(entries[0]).toMatchObject({
      amount: 10,
      xpAfter: 100,
      levelAfter: 1,
      levelReached: { level: 1, previousLevel: 0 },
    });
    expect(touched.get(memberKey('100', '1000'))!.messages).toBe(6);
    expect(stored.xp).toBe(90);
  });

  it('leaves bots out of the ledger', () => {
    const bot = { ...message(0, 0, T0), bot: true };
    expect(decideBatch([bot], new Map(), () => DEFAULT_POLICY).entries).toHaveLength(0);
  });
});
