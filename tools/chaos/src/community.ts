import { signServiceToken } from '@guildhall/platform';
import { http, waitFor } from '@guildhall/testing';
import type { ChaosPlatform } from './chaos-platform';
import type { CallChannels } from './discord-calls';
import type { CommunityRules } from './expected-calls';

export interface Community extends CallChannels {
  guildId: string;
  ownerId: string;
  chatters: string[];
  /** What a newcomer gets on agreeing to the rules (the load's newcomers never do). */
  memberRoleId: string;
  rules: CommunityRules;
}

/** Levels whose reward role the roles service grants (the chaos run's members reach 4 or 5). */
const REWARD_LEVELS = [1, 2, 4];

/** The guild and its members, in Discord before the platform starts (the gateway finds them at READY). */
export function createCommunity(platform: ChaosPlatform, members: number): Community {
  const { sim } = platform;
  const guild = sim.createGuild({
    name: 'Chaos',
    channels: ['general', 'rules'],
    roles: [
      { name: 'Pre-Member' },
      { name: 'Member' },
      ...REWARD_LEVELS.map((l) => ({ name: `Level ${l}` })),
    ],
  });
  const roleId = (name: string) => guild.roles.find((r) => r.name === name)!.id;
  const chatters = Array.from(
    { length: members },
    (_, i) => sim.addMember(guild.id, { username: `chatter${i}` }).user!.id,
  );
  return {
    guildId: guild.id,
    ownerId: guild.ownerId,
    chatChannelId: guild.channels.find((c) => c.name === 'general')!.id,
    rulesChannelId: guild.channels.find((c) => c.name === 'rules')!.id,
    chatters,
    memberRoleId: roleId('Member'),
    rules: {
      xpPerMessage: 10,
      rewardRoles: Object.fromEntries(REWARD_LEVELS.map((l) => [l, roleId(`Level ${l}`)])),
      preMemberRoleId: roleId('Pre-Member'),
    },
  };
}

/**
 * Sets up the running platform as a moderator would on the dashboard: level rewards in the roles
 * service, onboarding's Pre-Member role and greeting. Resolves once the setup's own Discord calls
 * (command registration, the rules message) are done, so they are not counted as the load's.
 */
export async function configureCommunity(platform: ChaosPlatform, c: Community): Promise<void> {
  const token = (aud: 'roles' | 'onboarding') =>
    signServiceToken(platform.authSecret, { sub: c.ownerId, guildId: c.guildId, role: 'owner', aud });
  const guildUrl = (service: 'roles' | 'onboarding') => `${platform.url(service)}/guilds/${c.guildId}`;
  const rewards = REWARD_LEVELS.map((level) => ({ level, roleIds: [c.rules.rewardRoles[level]] }));
  // Both services learn the guild from the gateway's guild.synced: until then they refuse.
  await waitFor(
    'the roles service to take the reward table',
    async () =>
      (await http('PUT', `${guildUrl('roles')}/rewards`, token('roles'), { mode: 'stack', rewards }))
        .status === 202,
    60_000,
  );
  await waitFor(
    'onboarding to take its setup',
    async () =>
      (
        await http('PUT', `${guildUrl('onboarding')}/setup`, token('onboarding'), {
          rulesChannelId: c.rulesChannelId,
          preMemberRoleId: c.rules.preMemberRoleId,
          memberRoleId: c.memberRoleId,
        })
      ).status === 200,
    60_000,
  );
  await waitFor(
    'the rules message in Discord',
    async () => platform.sim.channelMessages(c.guildId, c.rulesChannelId).length > 0,
    60_000,
  );
  await quiet(platform, 2000);
}

/** Waits until Discord has received no mutating call for `ms`. */
async function quiet(platform: ChaosPlatform, ms: number): Promise<void> {
  const lastSeq = () =>
    platform.sim
      .calls()
      .filter((c) => c.method !== 'GET')
      .at(-1)?.seq ?? 0;
  let seq = lastSeq();
  let since = Date.now();
  await waitFor(
    'Discord to go quiet after the setup',
    async () => {
      const now = lastSeq();
      if (now !== seq) [seq, since] = [now, Date.now()];
      return Date.now() - since >= ms;
    },
    60_000,
  );
}
