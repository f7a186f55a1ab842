import {
  discordSubject,
  event,
  guildFactId,
  type ChannelInfo,
  type EnvelopeOf,
  type RoleInfo,
} from '@guildhall/contracts';

export interface DirectorySpec {
  /** Plain roles by id (named `role-<id>`, below the bot), or full role infos. */
  roleIds?: string[];
  roles?: RoleInfo[];
  /** Plain text channels by id (named `channel-<id>`), or full channel infos. */
  channelIds?: string[];
  channels?: ChannelInfo[];
  botUserId?: string;
  occurredAt?: Date;
}

export const TEST_BOT_USER_ID = '890000000000000001';
export const TEST_BOT_ROLE_ID = '890000000000000002';

/** A `guild.synced` as the gateway sends it: the guild's roles and channels, and a bot role above every plain role. */
export function guildSyncedEvent(guildId: string, spec: DirectorySpec = {}): EnvelopeOf<'guild.synced'> {
  const roles: RoleInfo[] = [
    { id: guildId, name: '@everyone', position: 0, permissions: '0', managed: false, color: 0 },
    {
      id: TEST_BOT_ROLE_ID,
      name: 'Guildhall',
      position: 100,
      permissions: String(1n << 28n),
      managed: true,
      color: 0,
    },
    ...(spec.roleIds ?? []).map((id, i) => ({
      id,
      name: `role-${id}`,
      position: i + 1,
      permissions: '0',
      managed: false,
      color: 0x3498db,
    })),
    ...(spec.roles ?? []),
  ];
  const channels: ChannelInfo[] = [
    ...(spec.channelIds ?? []).map((id, i) => ({ id, name: `channel-${id}`, type: 0, position: i })),
    ...(spec.channels ?? []),
  ];
  const occurredAt = spec.occurredAt ?? new Date();
  return event('guild.synced', {
    id: guildFactId(guildId, 'synced', occurredAt.getTime()),
    guildId,
    occurredAt,
    source: 'gateway',
    data: {
      name: 'Test Guild',
      ownerId: '890000000000000009',
      botUserId: spec.botUserId ?? TEST_BOT_USER_ID,
      botRoleIds: [TEST_BOT_ROLE_ID],
      roles,
      memberCount: 3,
      channels,
    },
  });
}

export const guildSyncedSubject = (guildId: string): string => discordSubject(guildId, 'guild.synced');
