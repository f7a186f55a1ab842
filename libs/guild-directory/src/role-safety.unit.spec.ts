import { PermissionFlagsBits } from 'discord-api-types/v10';
import { GuildRole, GuildRoleModel } from './guild-roles';
import { dangerousPermissionNames } from './member-permissions';
import { unsafeRoleReason } from './role-safety';

const role = (id: string, position: number, over: Partial<GuildRole> = {}): GuildRole => ({
  id,
  name: `role-${id}`,
  position,
  permissions: '0',
  managed: false,
  ...over,
});
const model = (...roles: GuildRole[]): GuildRoleModel => ({
  roles: new Map(roles.map((r) => [r.id, r])),
  botRoleIds: ['90'],
});
const bot = role('90', 10, { name: 'Guildhall' });

describe('role safety', () => {
  it('allows a plain role below the bot', () => {
    expect(unsafeRoleReason(model(bot, role('1', 3)), '1')).toBeUndefined();
  });

  it('refuses a role at or above the bot, a managed role, and an unknown role', () => {
    expect(unsafeRoleReason(model(bot, role('1', 10)), '1')).toMatch(/at or above the bot/);
    expect(unsafeRoleReason(model(bot, role('1', 12)), '1')).toMatch(/at or above the bot/);
    expect(unsafeRoleReason(model(bot, role('1', 2, { managed: true })), '1')).toMatch(/managed/);
    expect(unsafeRoleReason(model(bot), '1')).toMatch(/no longer exists/);
  });

  it('refuses Administrator, Ban, Kick and every Manage permission', () => {
    for (const bit of [0x8n, 0x4n, 0x2n, 0x20n, 0x10000000n, 0x10n, 0x2000n, 0x20000000n, 1n << 34n]) {
      expect(unsafeRoleReason(model(bot, role('1', 2, { permissions: bit.toString() })), '1')).toMatch(
        /dangerous/,
      );
    }
  });

  it('names each dangerous permission, even above 2^53', () => {
    expect(dangerousPermissionNames(((1n << 3n) | (1n << 40n) | 1024n).toString())).toEqual([
      'Administrator',
      'Timeout Members',
    ]);
    expect(dangerousPermissionNames('1024')).toEqual([]);
  });

  // Every flag Discord defines, classified on purpose: a flag added to discord-api-types fails
  // here until someone decides, and meanwhile the allow-list already treats it as unsafe.
  const MEMBER_LEVEL: ReadonlySet<string> = new Set([
    'CreateInstantInvite',
    'AddReactions',
    'Stream',
    'ViewChannel',
    'SendMessages',
    'EmbedLinks',
    'AttachFiles',
    'ReadMessageHistory',
    'UseExternalEmojis',
    'Connect',
    'Speak',
    'UseVAD',
    'ChangeNickname',
    'UseApplicationCommands',
    'RequestToSpeak',
    'CreatePublicThreads',
    'CreatePrivateThreads',
    'UseExternalStickers',
    'SendMessagesInThreads',
    'UseEmbeddedActivities',
    'UseSoundboard',
    'UseExternalSounds',
    'SendVoiceMessages',
    'SendPolls',
    'UseExternalApps',
  ]);
  const BEYOND_A_MEMBER: ReadonlySet<string> = new Set([
    'KickMembers',
    'BanMembers',
    'Administrator',
    'ManageChannels',
    'ManageGuild',
    'ViewAuditLog',
    'PrioritySpeaker',
    'SendTTSMessages',
    'ManageMessages',
    'MentionEveryone',
    'ViewGuildInsights',
    'MuteMembers',
    'DeafenMembers',
    'MoveMembers',
    'ManageNicknames',
    'ManageRoles',
    'ManageWebhooks',
    'ManageEmojisAndStickers',
    'ManageGuildExpressions',
    'ManageEvents',
    'ManageThreads',
    'ModerateMembers',
    'ViewCreatorMonetizationAnalytics',
    'CreateGuildExpressions',
    'CreateEvents',
    'SetVoiceChannelStatus',
    'PinMessages',
    'BypassSlowmode',
  ]);

  it('a self-service role with any permission beyond a member’s (Mention Everyone, Move Members, Pin Messages…) is refused: every Discord flag classified', () => {
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const [flag, bit] of Object.entries(PermissionFlagsBits)) {
      expected[flag] = MEMBER_LEVEL.has(flag)
        ? 'safe'
        : BEYOND_A_MEMBER.has(flag)
          ? 'refused'
          : 'unclassified';
      const reason = unsafeRoleReason(model(bot, role('1', 2, { permissions: bit.toString() })), '1');
      actual[flag] = reason === undefined ? 'safe' : /dangerous/.test(reason) ? 'refused' : reason;
    }
    expect(Object.values(expected)).not.toContain('unclassified');
    expect(actual).toEqual(expected);
  });

  it('a role with every member permission together is still safe', () => {
    const all = [...MEMBER_LEVEL].reduce(
      (bits, flag) => bits | PermissionFlagsBits[flag as keyof typeof PermissionFlagsBits],
      0n,
    );
    expect(unsafeRoleReason(model(bot, role('1', 2, { permissions: all.toString() })), '1')).toBeUndefined();
  });

  it('a permission bit Discord has not defined yet is refused, by its bit', () => {
    const future = (1n << 60n) | (1n << 47n);
    expect(unsafeRoleReason(model(bot, role('1', 2, { permissions: future.toString() })), '1')).toBe(
      'role-1 grants dangerous permissions (unknown permission 1<<47, unknown permission 1<<60)',
    );
  });

  it('names each dangerous permission once, by Discord’s current name', () => {
    expect(
      dangerousPermissionNames(
        (
          PermissionFlagsBits.ManageGuildExpressions |
          PermissionFlagsBits.MentionEveryone |
          PermissionFlagsBits.MoveMembers |
          PermissionFlagsBits.ViewChannel
        ).toString(),
      ),
    ).toEqual(['Mention Everyone', 'Move Members', 'Manage Expressions']);
  });

  it('a bot without roles can manage nothing', () => {
    expect(unsafeRoleReason({ roles: new Map([['1', role('1', 1)]]), botRoleIds: [] }, '1')).toMatch(
      /above the bot/,
    );
  });
});
