import { envelope } from '@guildhall/contracts';
import { registerCommands, startupRegistrationId } from '../commands/interactions.handler';
import { XP_COMMANDS_VERSION } from '../commands/xp-commands';
import type { LedgerEntry } from '../domain/message-batch';
import { DEFAULT_POLICY } from '../domain/policy';
import { awardedMessage, levelUpMessages } from './level-up.outbox';

// The ids below are already stored in streams and inboxes: a replay must produce them again.
const GUILD = '100000000000000001';
const cause = envelope({
  type: 'message.created',
  id: '900000000000000001',
  guildId: GUILD,
  occurredAt: '2026-01-01T00:00:00.000Z',
  source: 'gateway',
  data: { messageId: '900000000000000001', channelId: '3', userId: '2', roleIds: [], bot: false },
});
const entry: LedgerEntry = {
  message: {
    eventId: cause.id,
    guildId: GUILD,
    userId: '2',
    messageId: '900000000000000001',
    channelId: '3',
    roleIds: [],
    bot: false,
    occurredAt: Date.parse(cause.occurredAt),
  },
  amount: 20,
  reason: null,
  xpAfter: 120,
  levelAfter: 1,
  levelReached: { level: 1, previousLevel: 0 },
};

describe('what xp publishes about a message keeps its ids', () => {
  it('an award and a level-up are named after the message that earned them', () => {
    expect(awardedMessage(entry, cause).envelope.id).toBe('900000000000000001:xp.awarded');
    expect(
      levelUpMessages(entry, DEFAULT_POLICY, cause).map((m) => [m.envelope.type, m.envelope.id]),
    ).toEqual([
      ['xp.level_reached', '900000000000000001:xp.level_reached'],
      ['message.send', '900000000000000001:level_up.message'],
    ]);
  });

  it('a command registration at start-up is one per guild and command-set version', () => {
    expect(startupRegistrationId(GUILD)).toBe(`xp:commands.register:${GUILD}:${XP_COMMANDS_VERSION}`);
    expect(registerCommands(GUILD, startupRegistrationId(GUILD), cause.occurredAt).envelope).toMatchObject({
      id: `xp:commands.register:${GUILD}:${XP_COMMANDS_VERSION}`,
      type: 'commands.register',
    });
  });
});
