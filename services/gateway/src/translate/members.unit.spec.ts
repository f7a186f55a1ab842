// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type {
  GatewayGuildMemberAddDispatchData,
  GatewayGuildMemberRemoveDispatchData,
  GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { memberJoined, memberLeft, memberUpdated } from './members';

const user = { id: '300', username: 'ada', discriminator: '0', global_name: null, avatar: null };
const ctx = { receivedAt: new Date('2026-03-01T12:00:05.000Z') };

describe('member translations', () => {
  it('a join is keyed guild:user:joinedAt so a replayed join is the same fact', () => {
    const d = {
      guild_id: '100',
      user,
      roles: [],
      joined_at: '2026-03-01T12:00:00.123Z',
      deaf: false,
      mute: false,
      flags: 0,
    };
    const out = memberJoined(d as GatewayGuildMemberAddDispatchData, ctx);
    expect(out?.subject).toBe('discord.100.member.joined');
    expect(out?.envelope).toMatchObject({
      id: `100:300:${Date.parse('2026-03-01T12:00:00.123Z')}`,
      occurredAt: '2026-03-01T12:00:00.123Z',
      data: { userId: '300', username: 'ada', bot: false, roleIds: [], joinedAt: '2026-03-01T12:00:00.123Z' },
    });
    expectValidContract(out?.envelope);
  });

  it('a leave is timed by its receipt', () => {
    const out = memberLeft({ guild_id: '100', user } as GatewayGuildMemberRemoveDispatchData, ctx);
    expect(out.subject).toBe('discord.100.member.left');
    expect(out.envelope).toMatchObject({ occurredAt: '2026-03-01T12:00:05.000Z', data: { userId: '300' } });
    expectValidContract(out.envelope);
  });

  it('an update carries the full role list; two different updates in one millisecond keep distinct ids', () => {
    const d = (roles: string[]) =>
      ({
        guild_id: '100',
        user,
        roles,
        nick: 'Ada',
        joined_at: null,
        avatar: null,
        banner: null,
      }) as unknown as GatewayGuildMemberUpdateDispatchData;
    const a = memberUpdated(d(['1', '2']), ctx);
    const b = memberUpdated(d(['1']), ctx);
    expect(a.subject).toBe('discord.100.member.updated');
    expect(a.envelope.data).toEqual({ userId: '300', roleIds: ['1', '2'], nick: 'Ada' });
    expect(a.envelope.id).not.toBe(b.envelope.id);
    expect(memberUpdated(d(['2', '1']), ctx).envelope.id).toBe(a.envelope.id);
    expectValidContract(a.envelope);
  });
});
