// @guildhall/contracts decorates with class-transformer, which needs the metadata polyfill loaded first.
import 'reflect-metadata';
import type { GatewayChannelModifyDispatchData } from 'discord-api-types/v10';
import { expectValidContract } from './contract-check.unit-fixture';
import { channelDeleted, channelUpserted } from './channels';

const text = {
  id: '700',
  guild_id: '100',
  name: 'general',
  type: 0,
  position: 2,
  parent_id: '600',
  nsfw: false,
} as unknown as GatewayChannelModifyDispatchData;
const category = {
  id: '600',
  guild_id: '100',
  name: 'Community',
  type: 4,
  position: 1,
  parent_id: null,
} as unknown as GatewayChannelModifyDispatchData;
const ctx = { receivedAt: new Date('2026-03-01T12:00:05.000Z') };

describe('channel translations', () => {
  it('a created or updated text channel becomes channel.upserted with its category', () => {
    const out = channelUpserted(text, ctx);
    expect(out?.subject).toBe('discord.100.channel.upserted');
    expect(out?.envelope.data.channel).toEqual({
      id: '700',
      name: 'general',
      type: 0,
      position: 2,
      parentId: '600',
    });
    expectValidContract(out?.envelope);
  });

  it('a category has no parent', () => {
    expect(channelUpserted(category, ctx)?.envelope.data.channel).toEqual({
      id: '600',
      name: 'Community',
      type: 4,
      position: 1,
    });
  });

  it('two different updates of one channel in the same millisecond are distinct facts', () => {
    const renamed = { ...text, name: 'chat' } as GatewayChannelModifyDispatchData;
    expect(channelUpserted(text, ctx)?.envelope.id).not.toBe(channelUpserted(renamed, ctx)?.envelope.id);
  });

  it('a deleted channel is keyed by the channel alone: it can only be deleted once', () => {
    const out = channelDeleted(text, ctx);
    expect(out).toMatchObject({
      subject: 'discord.100.channel.deleted',
      envelope: { id: '100:channel:700:deleted', data: { channelId: '700' } },
    });
    expectValidContract(out?.envelope);
  });

  it('a direct-message channel (no guild) is not part of any server directory', () => {
    const dm = { id: '800', type: 1, recipients: [] } as unknown as GatewayChannelModifyDispatchData;
    expect(channelUpserted(dm, ctx)).toBeUndefined();
    expect(channelDeleted(dm, ctx)).toBeUndefined();
  });
});
