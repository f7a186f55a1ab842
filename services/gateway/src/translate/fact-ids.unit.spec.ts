import type {
  APIRole,
  GatewayChannelModifyDispatchData,
  GatewayGuildCreateDispatchData,
  GatewayGuildMemberAddDispatchData,
  GatewayGuildMemberRemoveDispatchData,
  GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import { channelDeleted, channelUpserted } from './channels';
import { fingerprint } from './fingerprint';
import { guildSynced } from './guild-synced';
import { memberJoined, memberLeft, memberUpdated } from './members';
import { roleDeleted, roleInfo, roleUpserted } from './roles';
import type { TranslateContext } from './source';

// Ids of observed facts are stored in DISCORD and every inbox: a RESUME replays the same
// dispatch, and its id must come out as before for the stream to drop it.
const ctx: TranslateContext = {
  botUserId: '9',
  receivedAt: new Date('2026-03-01T12:00:00.000Z'),
  sessionId: 's1',
  seq: 42,
};
const user = { id: '300', username: 'u', discriminator: '0', global_name: null, avatar: null };
const role = { id: '400', name: 'art', position: 1, permissions: '0', managed: false, color: 0 } as APIRole;
const channel = { id: '700', guild_id: '100', name: 'art', type: 0, position: 1 };

describe('facts the gateway observes keep their ids', () => {
  it('a member is keyed by guild, user and what happened', () => {
    const add = { guild_id: '100', user, roles: [], joined_at: '2026-03-01T11:00:00.000Z' };
    expect(memberJoined(add as unknown as GatewayGuildMemberAddDispatchData, ctx)?.envelope.id).toBe(
      `100:300:${Date.parse('2026-03-01T11:00:00.000Z')}`,
    );
    const remove = { guild_id: '100', user } as GatewayGuildMemberRemoveDispatchData;
    expect(memberLeft(remove, ctx).envelope.id).toBe('100:300:left:s1.42');
    const update = { guild_id: '100', user, roles: ['2', '1'], nick: 'n' };
    expect(memberUpdated(update as unknown as GatewayGuildMemberUpdateDispatchData, ctx).envelope.id).toBe(
      `100:300:updated:s1.42:${fingerprint('1,2|n')}`,
    );
  });

  it('a role or channel is keyed by guild, kind, id and receipt (or its deletion)', () => {
    expect(roleUpserted({ guild_id: '100', role }, ctx).envelope.id).toBe(
      `100:role:400:s1.42:${fingerprint(JSON.stringify(roleInfo(role)))}`,
    );
    expect(roleDeleted({ guild_id: '100', role_id: '400' }, ctx).envelope.id).toBe('100:role:400:deleted');
    const upserted = channelUpserted(channel as unknown as GatewayChannelModifyDispatchData, ctx);
    expect(upserted?.envelope.id).toMatch(/^100:channel:700:s1\.42:[^:]+$/);
    expect(channelDeleted(channel as unknown as GatewayChannelModifyDispatchData, ctx)?.envelope.id).toBe(
      '100:channel:700:deleted',
    );
  });

  it('a guild sync is keyed by guild and receipt, or the receipt time without a session', () => {
    const guild = {
      id: '100',
      name: 'g',
      owner_id: '1',
      roles: [],
      channels: [],
      member_count: 1,
      members: [],
    };
    const d = guild as unknown as GatewayGuildCreateDispatchData;
    expect(guildSynced(d, ctx)?.envelope.id).toBe('100:synced:s1.42');
    expect(guildSynced(d, { botUserId: '9', receivedAt: ctx.receivedAt })?.envelope.id).toBe(
      `100:synced:${ctx.receivedAt.getTime()}`,
    );
  });
});
