// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { translateDispatch } from './dispatch';

const ctx = { botUserId: '9', receivedAt: new Date('2026-03-01T12:00:05.000Z') };
const packet = (t: string, d: unknown) => ({ op: 0, s: 1, t, d }) as unknown as GatewayDispatchPayload;

describe('dispatch routing', () => {
  it('routes each dispatch the contracts know to its translation', () => {
    const cases: Array<[string, unknown, string]> = [
      ['GUILD_MEMBER_REMOVE', { guild_id: '1', user: { id: '2' } }, 'discord.1.member.left'],
      ['GUILD_ROLE_DELETE', { guild_id: '1', role_id: '3' }, 'discord.1.role.deleted'],
      [
        'CHANNEL_CREATE',
        { id: '4', guild_id: '1', name: 'art', type: 0, position: 0 },
        'discord.1.channel.upserted',
      ],
      [
        'CHANNEL_UPDATE',
        { id: '4', guild_id: '1', name: 'art', type: 0, position: 1 },
        'discord.1.channel.upserted',
      ],
      [
        'CHANNEL_DELETE',
        { id: '4', guild_id: '1', name: 'art', type: 0, position: 1 },
        'discord.1.channel.deleted',
      ],
    ];
    for (const [t, d, subject] of cases) {
      const out = translateDispatch(packet(t, d), ctx);
      expect(out.kind === 'event' && out.event.subject).toBe(subject);
    }
  });

  it('ignores dispatches nobody consumes (typing, presence, reactions)', () => {
    expect(translateDispatch(packet('TYPING_START', { channel_id: '1' }), ctx)).toEqual({ kind: 'none' });
    expect(translateDispatch(packet('PRESENCE_UPDATE', {}), ctx)).toEqual({ kind: 'none' });
  });

  it('marks interactions so the deadline keeper can remember them', () => {
    const d = {
      id: '1',
      application_id: '9',
      token: 't',
      type: 2,
      guild_id: '1',
      channel: { id: '2', type: 0 },
      member: { user: { id: '3', username: 'u' }, roles: [], permissions: '0' },
      data: { name: 'rules' },
    };
    expect(translateDispatch(packet('INTERACTION_CREATE', d), ctx).kind).toBe('interaction');
  });
});
