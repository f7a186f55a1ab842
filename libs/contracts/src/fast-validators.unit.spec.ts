import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MessageCreated } from './discord';
import { validateMessageCreated } from './fast-validators';

const good = {
  messageId: '900000000000000001',
  channelId: '1',
  userId: '2',
  roleIds: ['3', '4'],
  bot: false,
};
const cases: Record<string, unknown>[] = [
  good,
  { ...good, parentChannelId: '77' },
  { ...good, userId: 'abc' },
  { ...good, userId: 12 },
  { ...good, roleIds: 'x' },
  { ...good, roleIds: ['1', 'nope'] },
  { ...good, roleIds: Array.from({ length: 251 }, () => '1') },
  { ...good, bot: 'false' },
  { ...good, channelId: undefined },
  { ...good, parentChannelId: 'x' },
  { ...good, messageId: '123456789012345678901' },
  { ...good, displayName: 'Mia' },
  { ...good, displayName: 'x'.repeat(100) },
  { ...good, displayName: 'x'.repeat(101) },
  { ...good, displayName: 7 },
];

describe('the hand-written message.created validator', () => {
  it.each(cases.map((c, i) => [i, c]))('agrees with the class-validator contract (case %i)', (_i, data) => {
    const byClass = validateSync(plainToInstance(MessageCreated, data), { whitelist: true }).length === 0;
    expect('value' in validateMessageCreated(data as Record<string, unknown>)).toBe(byClass);
  });

  it('keeps only the contract fields', () => {
    const r = validateMessageCreated({ ...good, content: 'secret' });
    expect('value' in r && r.value).toEqual(good);
  });
});
