import { ActionType } from '@guildhall/contracts';
import { actionLanes } from './action-lanes';

const matches = (filter: string, subject: string): boolean => {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
};

describe('action lanes', () => {
  const lanes = actionLanes('gateway-actions');

  it('give every action kind exactly one lane, so nothing waits on the work queue unread', () => {
    for (const kind of Object.values(ActionType)) {
      const subject = `actions.123.${kind}`;
      expect(lanes.filter((l) => matches(l.filterSubject, subject)).map((l) => l.family)).toEqual([
        kind.split('.')[0],
      ]);
    }
  });

  it('keep role changes apart from channel messages and interaction answers', () => {
    const family = (kind: string) =>
      lanes.find((l) => matches(l.filterSubject, `actions.1.${kind}`))?.durable;
    expect(new Set([family('role.add'), family('message.send'), family('interaction.reply')]).size).toBe(3);
  });
});
