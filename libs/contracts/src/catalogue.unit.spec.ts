import {
  ActionType,
  contractRegistry,
  DiscordEventType,
  envelope,
  event,
  EVENT_TYPES,
  GatewayEventType,
  isEvent,
  OnboardingEventType,
  RolesEventType,
  XpEventType,
} from '.';

describe('the event catalogue', () => {
  it('names exactly the types the registry validates', () => {
    expect([...contractRegistry().types()].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('holds every name of every event family', () => {
    const families = [
      DiscordEventType,
      XpEventType,
      RolesEventType,
      OnboardingEventType,
      ActionType,
      GatewayEventType,
    ];
    const named = families.flatMap((f) => Object.values(f) as string[]);
    expect([...named].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('gives no two families the same type name', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });

  it('narrows an envelope by its type and nothing else', () => {
    const left = event('member.left', {
      id: '100000000000000001:200000000000000002:left:1',
      guildId: '100000000000000001',
      occurredAt: '2026-01-01T00:00:00.000Z',
      source: 'gateway',
      data: { userId: '200000000000000002' },
    });
    const unknown = envelope({ ...left, type: 'something.else' });
    expect(isEvent(left, 'member.left') && left.data.userId).toBe('200000000000000002');
    expect(isEvent(left, 'member.joined')).toBe(false);
    expect(isEvent(unknown, 'member.left')).toBe(false);
  });

  it('builds the same envelope with event() as with envelope()', () => {
    const spec = {
      id: '900000000000000001:xp.awarded',
      guildId: '100000000000000001',
      occurredAt: new Date('2026-01-01T00:00:00Z'),
      source: 'xp',
      causationId: '900000000000000001',
      data: { userId: '2', amount: 15, totalXp: 15, level: 0 },
    };
    expect(event('xp.awarded', spec)).toStrictEqual(envelope({ ...spec, type: 'xp.awarded' }));
  });
});
