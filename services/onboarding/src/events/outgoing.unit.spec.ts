import { ActionType } from '@guildhall/contracts';
import { action, actionId, publicEvent } from './outgoing';

// These ids are already stored in streams and inboxes: a replay must produce them again.
const GUILD = '100000000000000001';
const cause = { id: '700000000000000001', guildId: GUILD, occurredAt: '2026-01-01T00:00:00.000Z' };

describe('what onboarding publishes keeps its ids', () => {
  it('an action is named for onboarding, its cause and its purpose', () => {
    expect(actionId(cause, 'reply')).toBe('onboarding:700000000000000001:reply');
    const add = action(cause, 'join.role.add', ActionType.RoleAdd, { userId: '2', roleId: '3' });
    expect(add.envelope).toMatchObject({
      id: 'onboarding:700000000000000001:join.role.add',
      type: 'role.add',
      causationId: cause.id,
      correlationId: cause.id,
    });
    expect(add.subject).toBe(`actions.${GUILD}.role.add`);
  });

  it('a public event carries the id of the fact it tells', () => {
    const out = publicEvent({
      id: '700000000000000001:rules.agreed',
      guildId: GUILD,
      occurredAt: cause.occurredAt,
      type: 'rules.agreed',
      userId: '2',
      data: { version: 1 },
    });
    expect(out?.subject).toBe(`onboarding.${GUILD}.rules_agreed`);
    expect(out?.envelope).toMatchObject({
      id: '700000000000000001:rules.agreed',
      type: 'onboarding.rules_agreed',
      source: 'onboarding',
      data: { userId: '2', rulesVersion: 1, agreedAt: cause.occurredAt },
    });
  });
});
