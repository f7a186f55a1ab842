import type { RuleSet } from './rules';
import type { GuildSettings } from './setup';

/** Component custom ids: `<owner>:<verb>`, so the gateway routes the clicks to this service. */
export const VIEW_RULES_ID = 'onboarding:view';
export const AGREE_ID = 'onboarding:agree';

export interface MessageContent {
  content?: string;
  embeds?: Record<string, unknown>[];
  components?: Record<string, unknown>[];
}

const BUTTON = 2;
const ACTION_ROW = 1;
const SECONDARY = 2;
const SUCCESS = 3;
const BLURPLE = 0x5865f2;

/** The persistent message in the rules channel; its buttons work for every member, forever. */
export function rulesMessage(guildName: string | null): MessageContent {
  return {
    embeds: [
      {
        title: guildName ? `Welcome to ${guildName}` : 'Welcome',
        description: 'Press **View Rules** to read our rules, then **I Agree** to unlock the server.',
        color: BLURPLE,
      },
    ],
    components: [
      {
        type: ACTION_ROW,
        components: [
          { type: BUTTON, style: SECONDARY, label: 'View Rules', custom_id: VIEW_RULES_ID },
          { type: BUTTON, style: SUCCESS, label: 'I Agree', custom_id: AGREE_ID },
        ],
      },
    ],
  };
}

/** Every rule as one embed field; rules.ts keeps the total inside Discord's 6000-character limit. */
export function rulesEmbed(ruleSet: RuleSet): MessageContent {
  return {
    embeds: [
      {
        title: `Server rules (version ${ruleSet.version})`,
        color: BLURPLE,
        fields: ruleSet.rules.map((r, i) => ({ name: `${i + 1}. ${r.title}`, value: r.text })),
        footer: { text: 'Press I Agree on the rules message to accept them.' },
      },
    ],
  };
}

export function greeting(settings: GuildSettings, userId: string): string {
  const rules = settings.rulesChannelId ? `<#${settings.rulesChannelId}>` : 'the rules channel';
  return settings.welcomeText
    .split('{user}')
    .join(`<@${userId}>`)
    .split('{rules}')
    .join(rules)
    .slice(0, 2000);
}

export const REPLIES = {
  agreed: (version: number) => `Thanks for agreeing to the rules (version ${version}). Welcome aboard!`,
  alreadyAgreed: (version: number) =>
    `You have already agreed to the rules (version ${version}). Nothing more to do.`,
  notReady:
    'The rules agreement is not set up yet in this server. Please ask a moderator to finish the onboarding setup.',
  roleUnavailable:
    'The role for members who agreed cannot be given right now; a moderator has been told. Please try again later.',
  unknownButton: 'This button is no longer in use.',
  notModerator: 'Only moderators (Manage Server or the moderator role) can use /reconnect.',
  reconnected: (reposted: boolean) =>
    reposted
      ? 'Commands re-registered and the rules message re-posted.'
      : 'Commands re-registered. No rules channel is configured, so no rules message was posted.',
} as const;
