import { PermissionFlagsBits } from 'discord-api-types/v10';

type PermissionFlag = keyof typeof PermissionFlagsBits;

/**
 * What an ordinary member does to take part: read, write, react, talk, start threads, use apps.
 * A role the bot hands out on its own (self-service, level rewards, onboarding) may carry these
 * and nothing else. An allow-list, not a block-list: a permission Discord adds later is refused
 * until someone decides it belongs here (docs/security.md says why each one does).
 */
export const MEMBER_PERMISSIONS: readonly PermissionFlag[] = [
  'ViewChannel',
  'ReadMessageHistory',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'CreatePrivateThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'UseExternalEmojis',
  'UseExternalStickers',
  'SendVoiceMessages',
  'SendPolls',
  'UseApplicationCommands',
  'UseExternalApps',
  'UseEmbeddedActivities',
  'Connect',
  'Speak',
  'Stream',
  'UseVAD',
  'RequestToSpeak',
  'UseSoundboard',
  'UseExternalSounds',
  'ChangeNickname',
  // On @everyone in every new server; a role that carries it gives nothing the member lacks.
  'CreateInstantInvite',
];

const MEMBER_BITS = MEMBER_PERMISSIONS.reduce((bits, flag) => bits | PermissionFlagsBits[flag], 0n);

/** Names as Discord's client shows them, where the API's differ. */
const LABELS: Partial<Record<PermissionFlag, string>> = {
  ManageGuild: 'Manage Server',
  ModerateMembers: 'Timeout Members',
  ManageGuildExpressions: 'Manage Expressions',
  CreateGuildExpressions: 'Create Expressions',
  ViewGuildInsights: 'View Server Insights',
  SendTTSMessages: 'Send Text-to-Speech Messages',
};

/** One name per bit; a renamed flag (ManageEmojisAndStickers → ManageGuildExpressions) keeps its newest name. */
const NAMES = new Map<bigint, string>();
for (const [flag, bit] of Object.entries(PermissionFlagsBits) as [PermissionFlag, bigint][])
  NAMES.set(bit, LABELS[flag] ?? flag.replace(/(?<=[a-z])(?=[A-Z])/g, ' '));

/** The permissions of `permissions` (decimal bitfield) beyond a member's, lowest bit first. */
export function dangerousPermissionNames(permissions: string): string[] {
  let beyond = BigInt(permissions) & ~MEMBER_BITS;
  const names: string[] = [];
  for (let shift = 0n; beyond !== 0n; shift++, beyond >>= 1n)
    if ((beyond & 1n) === 1n) names.push(NAMES.get(1n << shift) ?? `unknown permission 1<<${shift}`);
  return names;
}
