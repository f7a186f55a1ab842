// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { messageCreated } from './message-created';

const MESSAGE_ID = ((BigInt(Date.parse('2026-03-01T12:00:00.000Z')) - 1420070400000n) << 22n).toString();
const message = (over: Partial<GatewayMessageCreateDispatchData> = {}): GatewayMessageCreateDispatchData =>
  ({
    id: MESSAGE_ID,
    type: 0,
    guild_id: '100',
    channel_id: '200',
    author: { id: '300', username: 'ada', discriminator: '0', global_name: null, avatar: null },
    member: {
      roles: ['400', '401'],
      joined_at: '2025-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    content: 'a secret the gateway must never forward',
    timestamp: '2026-03-01T12:00:00.000Z',
    mentions: [],
    ...over,
  }) as GatewayMessageCreateDispatchData;
const ctx = { receivedAt: new Date('2026-03-01T12:00:01Z') };

describe('message.created translation', () => {
  it('a guild message becomes message.created keyed by the message id, timed by its snowflake, without content', () => {
    const out = messageCreated(message(), ctx);
    expect(out?.subject).toBe('discord.100.message.created');
    expect(out?.envelope).toMatchObject({
      id: MESSAGE_ID,
      type: 'message.created',
      guildId: '100',
      occurredAt: '2026-03-01T12:00:00.000Z',
      source: 'gateway',
      data: { messageId: MESSAGE_ID, channelId: '200', userId: '300', roleIds: ['400', '401'], bot: false },
    });
    expect(JSON.stringify(out)).not.toContain('secret');
    expectValidContract(out?.envelope);
  });

  it('names the author as the guild shows them: nickname, else display name, else username', () => {
    const name = (over: Partial<GatewayMessageCreateDispatchData>) =>
      messageCreated(message(over), ctx)?.envelope.data.displayName;
    expect(name({})).toBe('ada');
    expect(
      name({
        author: { id: '300', username: 'ada', discriminator: '0', global_name: 'Ada L.', avatar: null },
      }),
    ).toBe('Ada L.');
    expect(
      name({
        member: {
          roles: [],
          joined_at: '2025-01-01T00:00:00.000Z',
          deaf: false,
          mute: false,
          flags: 0 as never,
          nick: 'Countess',
        },
      }),
    ).toBe('Countess');
  });

  it('a direct message is not a guild fact and is skipped', () => {
    expect(messageCreated(message({ guild_id: undefined, member: undefined }), ctx)).toBeUndefined();
  });

  it('system messages such as "member joined" are not chat and are skipped', () => {
    expect(messageCreated(message({ type: 7 }), ctx)).toBeUndefined();
  });

  it('replies count as chat', () => {
    expect(messageCreated(message({ type: 19 }), ctx)).toBeDefined();
  });

  it('a message without member data still translates, with no roles', () => {
    expect(messageCreated(message({ member: undefined }), ctx)?.envelope.data.roleIds).toEqual([]);
  });

  it('bots and webhooks are marked as bots', () => {
    const botAuthor = {
      id: '301',
      username: 'bot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
    expect(messageCreated(message({ author: botAuthor }), ctx)?.envelope.data.bot).toBe(true);
    expect(messageCreated(message({ webhook_id: '999', member: undefined }), ctx)?.envelope.data.bot).toBe(
      true,
    );
  });

  it('a message in a thread names the thread parent', () => {
    const out = messageCreated(message(), { ...ctx, parentOf: (c) => (c === '200' ? '199' : undefined) });
    expect(out?.envelope.data.parentChannelId).toBe('199');
    expectValidContract(out?.envelope);
  });
});
