import { attemptId, derivedId, guildFactId, ownedId } from './event-ids';

// These are the formats of ids already stored in streams and inboxes: a change here is a
// change of every id a replay produces, so each is pinned to a literal.
describe('envelope ids', () => {
  it('derive from their cause and a purpose', () => {
    expect(derivedId('900000000000000001', 'xp.awarded')).toBe('900000000000000001:xp.awarded');
    expect(derivedId('roles:1#2', 'result')).toBe('roles:1#2:result');
  });

  it('name their owner first when they are owned', () => {
    expect(ownedId('onboarding', '700000000000000001', 'reply')).toBe('onboarding:700000000000000001:reply');
    expect(ownedId('xp', 'commands.register', '100000000000000001:3')).toBe(
      'xp:commands.register:100000000000000001:3',
    );
  });

  it('count attempts after a hash', () => {
    expect(attemptId('discord:1:2:add', 1)).toBe('discord:1:2:add#1');
  });

  it('of facts nothing caused are the guild and what identifies the fact', () => {
    expect(guildFactId('100000000000000001', '200000000000000002', 1767225600000)).toBe(
      '100000000000000001:200000000000000002:1767225600000',
    );
    expect(guildFactId('100000000000000001', 'role', '3', 'deleted')).toBe(
      '100000000000000001:role:3:deleted',
    );
  });
});
