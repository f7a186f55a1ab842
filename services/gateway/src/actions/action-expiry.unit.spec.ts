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

  it('never expires actions caused by events of the past (a reward after an outage is still owed)', () => {
    expect(expiredBecause(issued('message.send', 600), NOW)).toBeUndefined();
    expect(expiredBecause(issued('role.add', 30 * 24 * 60), NOW)).toBeUndefined();
  });
});
