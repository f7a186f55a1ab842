import {
  dangerousPermissionsOf,
  provisionRoles,
  ROLE_SLOTS,
  roleNameOf,
  type GuildFacts,
  type GuildSettings,
  type RoleSlot,
} from './setup';

/** Discord channel types a bot can post a message with buttons in: text and announcement. */
export const POSTABLE_CHANNEL_TYPES: readonly number[] = [0, 5];

export interface GuildChannel {
  id: string;
  name: string;
  type: number;
  parentId: string | null;
  position: number;
}

export type ProposedRole =
  { action: 'adopt'; roleId: string; name: string } | { action: 'create'; name: string };

/** What onboarding would do in a guild nobody has set up yet; nothing of it happens before a moderator confirms. */
export interface SetupProposal {
  rulesChannelId: string | null;
  welcomeChannelId: string | null;
  roles: Record<RoleSlot, ProposedRole>;
}

/** "📜-rules", "Server Rules", "start_here" → ['rules'], ['server', 'rules'], ['start', 'here']. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** How well a channel's name fits a purpose; 0 = not at all, higher = better. */
type Matcher = (words: string[]) => number;

const exactly =
  (...wanted: string[]) =>
  (words: string[]) =>
    words.join('-') === wanted.join('-');
const containsWord =
  (...wanted: string[]) =>
  (words: string[]) =>
    words.some((w) => wanted.includes(w));
const containsRun =
  (...run: string[]) =>
  (words: string[]) =>
    words.join('-').includes(run.join('-')) || words.join('').includes(run.join(''));

/** Each entry is a kind of name, best first: an exact "rules" beats "server-rules", which beats "start-here". */
function matcher(kinds: ((words: string[]) => boolean)[]): Matcher {
  return (words) => {
    const i = kinds.findIndex((k) => k(words));
    return i < 0 ? 0 : kinds.length - i;
  };
}

export const RULES_CHANNEL_NAMES: Matcher = matcher([
  exactly('rules'),
  containsWord('rules', 'rule', 'regeln', 'règles', 'reglas'),
  containsRun('start', 'here'),
  exactly('welcome'),
  containsWord('welcome'),
]);

export const WELCOME_CHANNEL_NAMES: Matcher = matcher([
  exactly('welcome'),
  containsWord('welcome', 'welcomes'),
  exactly('introductions'),
  containsWord('introductions', 'introduction', 'intros', 'intro', 'introduce', 'introduce-yourself'),
]);

/** The postable channel whose name fits best; ties go to the one listed first in the guild. */
export function findChannel(channels: readonly GuildChannel[], fits: Matcher): GuildChannel | null {
  let best: { channel: GuildChannel; score: number } | null = null;
  const ordered = [...channels]
    .filter((c) => POSTABLE_CHANNEL_TYPES.includes(c.type))
    .sort((a, b) => a.position - b.position);
  for (const channel of ordered) {
    const score = fits(nameWords(channel.name));
    if (score > 0 && (best === null || score > best.score)) best = { channel, score };
  }
  return best?.channel ?? null;
}

/**
 * The setup onboarding proposes for a guild: a rules channel by name, a welcome channel by name
 * (else the rules channel), and for each role slot an existing role of that name or a new one.
 */
export function proposeSetup(settings: GuildSettings, guild: GuildFacts): SetupProposal {
  const channels = guild.channels ?? [];
  const rules =
    channels.find((c) => c.id === settings.rulesChannelId) ?? findChannel(channels, RULES_CHANNEL_NAMES);
  const welcome =
    channels.find((c) => c.id === settings.welcomeChannelId) ?? findChannel(channels, WELCOME_CHANNEL_NAMES);
  const steps = provisionRoles(settings, {}, guild, true);
  const roles = Object.fromEntries(
    ROLE_SLOTS.map((slot): [RoleSlot, ProposedRole] => {
      const configured = slot === 'preMember' ? settings.preMemberRoleId : settings.memberRoleId;
      const step = steps.find((s) => s.slot === slot);
      const roleId = configured ?? (step?.kind === 'adopt' ? step.roleId : null);
      if (roleId !== null)
        return [
          slot,
          {
            action: 'adopt',
            roleId,
            name: guild.roles.find((r) => r.id === roleId)?.name ?? roleNameOf(settings, slot),
          },
        ];
      return [slot, { action: 'create', name: roleNameOf(settings, slot) }];
    }),
  ) as Record<RoleSlot, ProposedRole>;
  return { rulesChannelId: rules?.id ?? null, welcomeChannelId: welcome?.id ?? rules?.id ?? null, roles };
}

/** Key order does not count: a proposal read back from jsonb has its keys reordered. */
const canonical = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, canonical(x)]),
      )
    : v;

export const sameProposal = (a: SetupProposal | null, b: SetupProposal | null): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** What confirming a proposal will do, in words for the setup page and /setup. */
export function confirmationSteps(proposal: SetupProposal, guild: GuildFacts | null): string[] {
  const channelName = (id: string | null) => {
    const c = guild?.channels?.find((ch) => ch.id === id);
    return c ? `#${c.name}` : `channel ${id}`;
  };
  const steps: string[] = [];
  for (const slot of ROLE_SLOTS) {
    const role = proposal.roles[slot];
    const use = slot === 'preMember' ? 'for members who have not agreed yet' : 'for members who agreed';
    steps.push(
      role.action === 'adopt'
        ? `use the existing role ${role.name} ${use}`
        : `create the role ${role.name} (no permissions) ${use}`,
    );
  }
  if (proposal.rulesChannelId !== null)
    steps.push(
      `post the rules message with View Rules and I Agree in ${channelName(proposal.rulesChannelId)}`,
    );
  if (proposal.welcomeChannelId !== null)
    steps.push(`greet new members in ${channelName(proposal.welcomeChannelId)}`);
  return steps;
}

/** What stops the proposal from working as it is; confirming still needs a rules channel. */
export function proposalProblems(proposal: SetupProposal, guild: GuildFacts | null): string[] {
  const problems: string[] = [];
  if (proposal.rulesChannelId === null)
    problems.push(
      'no text channel is named like "rules", "welcome" or "start-here": choose the rules channel',
    );
  if (guild && !guild.botCanManageRoles)
    problems.push('the bot lacks the Manage Roles permission, so it cannot give members their roles');
  for (const slot of ROLE_SLOTS) {
    const role = proposal.roles[slot];
    if (role.action === 'create' && guild) {
      const passedOver = guild.roles.find(
        (r) => !r.managed && r.name.toLowerCase() === role.name.toLowerCase(),
      );
      const extra = passedOver && dangerousPermissionsOf(passedOver);
      if (passedOver && extra?.length !== 0)
        problems.push(
          extra
            ? `the existing role ${passedOver.name} grants dangerous permissions (${extra.join(', ')}), so onboarding will not use it`
            : `the permissions of the existing role ${passedOver.name} are not known yet, so onboarding will not use it`,
        );
    }
    if (role.action !== 'adopt' || !guild) continue;
    const found = guild.roles.find((r) => r.id === role.roleId);
    if (found && found.position >= guild.botTopPosition)
      problems.push(`the bot's highest role is not above ${role.name}, so it cannot assign it`);
  }
  return problems;
}

export interface ConfirmChoices {
  rulesChannelId?: string;
  welcomeChannelId?: string;
}

/**
 * Why an id a moderator chose cannot be used in this guild, or null when it can. A guild whose
 * channels we do not know (none reported, or all deleted) accepts none: the bot would otherwise
 * post wherever the id points, another server's channel included.
 */
export function unknownTarget(
  guild: GuildFacts | null,
  kind: 'rules channel' | 'welcome channel' | 'role',
  id: string | null,
): string | null {
  if (id === null || guild === null) return null;
  if (kind === 'role') {
    if (guild.roles.some((r) => r.id === id)) return null;
    return `role ${id} is not a role of this guild`;
  }
  const channel = (guild.channels ?? []).find((c) => c.id === id);
  if (!channel) return `${kind} ${id} is not a channel of this guild`;
  if (!POSTABLE_CHANNEL_TYPES.includes(channel.type)) return `${kind} #${channel.name} is not a text channel`;
  return null;
}

/**
 * The settings confirming makes live: the proposal for this guild as it is now, with the
 * moderator's choice of channels, and the roles it adopts. Roles still to create stay null:
 * confirming asks Discord for them.
 */
export function confirmedSettings(
  settings: GuildSettings,
  guild: GuildFacts | null,
  choices: ConfirmChoices,
): { ok: true; settings: GuildSettings } | { ok: false; problem: string } {
  if (guild === null)
    return {
      ok: false,
      problem: 'the bot has not seen this guild yet: invite it, or wait for it to connect',
    };
  const proposal = proposeSetup(settings, guild);
  const rulesChannelId = choices.rulesChannelId ?? proposal.rulesChannelId;
  if (rulesChannelId === null)
    return {
      ok: false,
      problem:
        'no text channel is named like "rules", "welcome" or "start-here": choose the rules channel (rulesChannelId)',
    };
  // A welcome channel that only fell back to the rules channel follows the moderator's choice of rules channel (null = the rules channel).
  const proposedWelcome =
    proposal.welcomeChannelId === proposal.rulesChannelId ? null : proposal.welcomeChannelId;
  const welcomeChannelId = choices.welcomeChannelId ?? proposedWelcome;
  for (const [kind, id] of [
    ['rules channel', rulesChannelId],
    ['welcome channel', welcomeChannelId],
  ] as const) {
    const problem = unknownTarget(guild, kind, id);
    if (problem) return { ok: false, problem };
  }
  const adopted = (slot: RoleSlot) => {
    const role = proposal.roles[slot];
    return role.action === 'adopt' ? role.roleId : null;
  };
  return {
    ok: true,
    settings: {
      ...settings,
      rulesChannelId,
      welcomeChannelId,
      preMemberRoleId: adopted('preMember'),
      memberRoleId: adopted('member'),
    },
  };
}
