import { envelope } from '@guildhall/contracts';
import { expiredBecause } from './action-expiry';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const issued = (type: string, minutesAgo: number) =>
  envelope({
    id: `a-${type}-${minutesAgo}`,
    type,
    guildId: '1',
    occurredAt: new Date(NOW.getTime() - minutesAgo * 60_000),
    source: 'test',
    data: {},
  });

describe('expiredBecause', () => {
  it('drops an interaction answer once its token is gone (15 min)', () => {
    expect(expiredBecause(issued('interaction.reply', 14), NOW)).toBeUndefined();
    expect(expiredBecause(issued('interaction.reply', 16), NOW)).toBe(
      'expired: issued 16 min ago, interaction.reply is only done within 15 min',
    );
  });

  it('gives a message an hour and a role change a day', () => {
    expect(expiredBecause(issued('message.send', 59), NOW)).toBeUndefined();
    expect(expiredBecause(issued('message.send', 61), NOW)).toMatch(/^expired: issued 61 min ago/);
    expect(expiredBecause(issued('role.add', 23 * 60), NOW)).toBeUndefined();
    expect(expiredBecause(issued('role.add', 25 * 60), NOW)).toMatch(/within 1440 min$/);
  });
});
