import type { MessageContent } from './messages';
import type { RoleSlot } from './setup';

/** The custom id prefix of /setup's button; the rest names the rules channel to use, or `proposed`. */
export const SETUP_CONFIRM_PREFIX = 'onboarding:setup-confirm:';
export const PROPOSED = 'proposed';

/** The onboarding page of the dashboard for a guild. */
export const setupPageUrl = (dashboardUrl: string, guildId: string): string =>
  `${dashboardUrl}/${guildId}/mod/onboarding`;

/** What /setup shows; the same picture as GET /guilds/{id}/setup. */
export interface SetupPicture {
  confirmed: boolean;
  settings: { rulesChannelId: string | null; welcomeChannelId: string | null };
  roles: Record<RoleSlot, { id: string | null; name: string; status: string }>;
  problems: string[];
  proposal: {
    rulesChannelId: string | null;
    welcomeChannelId: string | null;
    willDo: string[];
    problems: string[];
  } | null;
}

const ACTION_ROW = 1;
const BUTTON = 2;
const SUCCESS = 3;
const channel = (id: string | null, none: string) => (id ? `<#${id}>` : none);

/**
 * The live setup, or the proposal with what confirming will do. `chosenChannelId` is a rules
 * channel the moderator picked with the command's option; the button then confirms with it.
 */
export function setupMessage(p: SetupPicture, link: string, chosenChannelId: string | null): MessageContent {
  const lines: string[] = [];
  let canConfirm: boolean;
  if (p.confirmed) {
    const rules = chosenChannelId ?? p.settings.rulesChannelId;
    lines.push('**Onboarding setup** (live)');
    lines.push(
      `Rules channel: ${channel(p.settings.rulesChannelId, 'none')}${chosenChannelId ? ` → ${channel(chosenChannelId, '')} when you confirm` : ''}`,
    );
    lines.push(`Welcome channel: ${channel(p.settings.welcomeChannelId ?? rules, 'none')}`);
    for (const slot of ['preMember', 'member'] as const) {
      const r = p.roles[slot];
      lines.push(`${r.name} role: ${r.id ? `<@&${r.id}>` : r.status}`);
    }
    lines.push(
      p.problems.length ? `Problems:\n${p.problems.map((x) => `- ${x}`).join('\n')}` : 'Everything works.',
    );
    canConfirm = chosenChannelId !== null;
  } else if (p.proposal) {
    const rules = chosenChannelId ?? p.proposal.rulesChannelId;
    const welcome =
      p.proposal.welcomeChannelId === p.proposal.rulesChannelId ? rules : p.proposal.welcomeChannelId;
    lines.push('**Proposed onboarding setup** (nothing is live until you confirm)');
    lines.push(`Rules channel: ${channel(rules, 'none found')}`);
    lines.push(`Welcome channel: ${channel(welcome, 'the rules channel')}`);
    const willDo = chosenChannelId
      ? p.proposal.willDo.filter((s) => !s.startsWith('post the rules message') && !s.startsWith('greet'))
      : p.proposal.willDo;
    if (chosenChannelId)
      willDo.push(`post the rules message with View Rules and I Agree in <#${chosenChannelId}>`);
    lines.push(`Confirming will:\n${willDo.map((x) => `- ${x}`).join('\n')}`);
    const problems = chosenChannelId
      ? p.proposal.problems.filter((x) => !x.startsWith('no text channel'))
      : p.proposal.problems;
    if (problems.length) lines.push(`Problems:\n${problems.map((x) => `- ${x}`).join('\n')}`);
    canConfirm = rules !== null;
    if (!canConfirm) lines.push('Run `/setup rules_channel:` with the channel for the rules message.');
  } else {
    lines.push('The bot has not seen this server yet; try again in a moment.');
    canConfirm = false;
  }
  lines.push(`Dashboard: ${link}`);
  const content = lines.join('\n').slice(0, 2000);
  if (!canConfirm) return { content };
  return {
    content,
    components: [
      {
        type: ACTION_ROW,
        components: [
          {
            type: BUTTON,
            style: SUCCESS,
            label: 'Confirm setup',
            custom_id: `${SETUP_CONFIRM_PREFIX}${chosenChannelId ?? PROPOSED}`,
          },
        ],
      },
    ],
  };
}

/** The rules channel a /setup button stands for, or undefined for the proposed one; null if the id is malformed. */
export function confirmChannelOf(customId: string): string | undefined | null {
  const rest = customId.slice(SETUP_CONFIRM_PREFIX.length);
  if (rest === PROPOSED) return undefined;
  return /^\d{17,20}$/.test(rest) ? rest : null;
}

export const SETUP_REPLIES = {
  notModerator: 'Only moderators (Manage Server or the moderator role) can use /setup.',
  confirmed: (rulesChannelId: string, link: string) =>
    `Setup confirmed: the rules message is being posted in <#${rulesChannelId}> and missing roles are being created. New members now get Pre-Member until they press I Agree. Status: ${link}`,
  cannotConfirm: (problem: string, link: string) =>
    `Setup not confirmed: ${problem}. Fix it with /setup or at ${link}`,
  badButton: 'This setup button is no longer valid; run /setup again.',
  /** /reconnect when onboarding is not set up: exactly what is missing and where to fix it. */
  notSetUp: (missing: string[], link: string) =>
    `Commands re-registered, but onboarding is not set up yet, so nothing was posted. Missing:\n${missing.map((m) => `- ${m}`).join('\n')}\nSet it up at ${link} or with /setup.`,
} as const;
