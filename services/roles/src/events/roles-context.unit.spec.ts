import { envelope, RolesEventType } from '@guildhall/contracts';
import { interactionAnswer } from '../commands/interaction-answer';
import { actionIdOf } from './issue-ops';
import { roleAction, rolesEvent } from './roles-context';

// These ids are already stored in streams, inboxes and role_ops: a replay must produce them again.
const GUILD = '100000000000000001';
const AT = '2026-01-01T00:00:00.000Z';

describe('what roles publishes keeps its ids', () => {
  it('a role action is attempt n of its operation', () => {
    const id = actionIdOf('discord:700000000000000001:3:add', 2);
    expect(id).toBe('discord:700000000000000001:3:add#2');
    expect(roleAction(GUILD, id, 'add', '2', '3', 'why', AT, 'discord').envelope).toMatchObject({
      id: 'discord:700000000000000001:3:add#2',
      type: 'role.add',
      data: { userId: '2', roleId: '3', reason: 'why' },
    });
  });

  it('a role.add tells the gateway who decided it, so it re-checks every grant the bot makes on its own', () => {
    const grant = (origin: 'web' | 'discord' | 'reward' | 'enforce') =>
      roleAction(GUILD, 'x#1', 'add', '2', '3', 'why', AT, origin).envelope.data;
    expect([grant('web'), grant('discord'), grant('reward'), grant('enforce')]).toEqual([
      expect.objectContaining({ grant: 'self-service' }),
      expect.objectContaining({ grant: 'self-service' }),
      expect.objectContaining({ grant: 'reward' }),
      expect.objectContaining({ grant: 'enforce' }),
    ]);
    expect(roleAction(GUILD, 'x#1', 'remove', '2', '3', 'why', AT, 'web').envelope.data).toEqual({
      userId: '2',
      roleId: '3',
      reason: 'why',
    });
  });

  it('a request event carries the id it was given, on its subject', () => {
    const out = rolesEvent(RolesEventType.RequestApplied, 'web:1:applied', GUILD, AT, {
      requestId: 'web:1',
      userId: '2',
      origin: 'web',
    });
    expect(out.subject).toBe(`roles.${GUILD}.request_applied`);
    expect(out.envelope).toMatchObject({
      id: 'web:1:applied',
      type: 'roles.request_applied',
      source: 'roles',
    });
  });

  it('an interaction answer is named after the interaction and its kind', () => {
    const cause = envelope({
      id: '700000000000000001',
      type: 'interaction.component',
      guildId: GUILD,
      occurredAt: AT,
      source: 'gateway',
      data: {
        interactionId: '700000000000000001',
        token: 't',
        applicationId: '5',
        userId: '2',
        username: 'u',
        channelId: '3',
        roleIds: [],
        permissions: '0',
      },
    });
    expect(interactionAnswer(cause, 'update', { content: 'x' }).envelope.id).toBe(
      '700000000000000001:update',
    );
    expect(interactionAnswer(cause, 'reply', { content: 'x' }).envelope).toMatchObject({
      id: '700000000000000001:reply',
      type: 'interaction.reply',
      data: { ephemeral: true },
    });
  });
});
