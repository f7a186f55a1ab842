import type { BenchGuild } from './bench-guild';

/** Who asks: a signed-in moderator of the guild, or a visitor without a session. */
export type Visitor = 'moderator' | 'anonymous';

export interface DashboardPage {
  name: string;
  path: (g: BenchGuild) => string;
  as: Visitor;
  /** `stream`: server-sent events; timed to the first event, then closed. */
  kind?: 'document' | 'json' | 'stream';
}

/**
 * Every page a person can open in the dashboard (apps/dashboard/src/app), and the JSON routes
 * the pages call. One list: a new page is one line here. The first entry is the baseline the
 * others are compared with: the cheapest route there is (reads the session cookie, no service).
 */
export const DASHBOARD_PAGES: DashboardPage[] = [
  { name: 'baseline: GET /api/session', path: () => '/api/session', as: 'moderator', kind: 'json' },
  { name: 'home (server picker)', path: () => '/', as: 'moderator' },
  // Public
  { name: 'leaderboard', path: (g) => `/${g.guildId}/leaderboard`, as: 'anonymous' },
  {
    name: 'leaderboard, last page',
    path: (g) => `/${g.guildId}/leaderboard?page=${Math.ceil(g.members / 25)}`,
    as: 'anonymous',
  },
  { name: 'profile, last place', path: (g) => `/${g.guildId}/${g.lastMemberId}`, as: 'anonymous' },
  // Member area
  { name: 'member: my profile', path: (g) => `/${g.guildId}`, as: 'moderator' },
  { name: 'member: roles', path: (g) => `/${g.guildId}/roles`, as: 'moderator' },
  { name: 'member: rules & quizzes', path: (g) => `/${g.guildId}/rules`, as: 'moderator' },
  // Moderators
  { name: 'mod: overview (funnel)', path: (g) => `/${g.guildId}/mod`, as: 'moderator' },
  { name: 'mod: members', path: (g) => `/${g.guildId}/mod/members`, as: 'moderator' },
  { name: 'mod: members, lowest XP', path: (g) => `/${g.guildId}/mod/members?dir=asc`, as: 'moderator' },
  { name: 'mod: members, page 2000', path: (g) => `/${g.guildId}/mod/members?page=2000`, as: 'moderator' },
  {
    name: 'mod: members, name search',
    path: (g) => `/${g.guildId}/mod/members?q=member4242`,
    as: 'moderator',
  },
  {
    name: 'mod: members, jump to id',
    path: (g) => `/${g.guildId}/mod/members?q=${g.lastMemberId}`,
    as: 'moderator',
  },
  { name: 'mod: role catalog', path: (g) => `/${g.guildId}/mod/roles`, as: 'moderator' },
  { name: 'mod: rules editor', path: (g) => `/${g.guildId}/mod/rules`, as: 'moderator' },
  { name: 'mod: XP & rewards', path: (g) => `/${g.guildId}/mod/xp`, as: 'moderator' },
  { name: 'mod: onboarding setup', path: (g) => `/${g.guildId}/mod/onboarding`, as: 'moderator' },
  // JSON routes the pages call
  {
    name: 'api: leaderboard',
    path: (g) => `/api/guilds/${g.guildId}/leaderboard?limit=25&offset=0`,
    as: 'anonymous',
    kind: 'json',
  },
  {
    name: 'api: profile, last place',
    path: (g) => `/api/guilds/${g.guildId}/members/${g.lastMemberId}/profile`,
    as: 'anonymous',
    kind: 'json',
  },
  {
    name: 'api: my quiz progress',
    path: (g) => `/api/guilds/${g.guildId}/members/${g.moderatorId}/progress`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: my roles',
    path: (g) => `/api/guilds/${g.guildId}/members/${g.moderatorId}/roles`,
    as: 'moderator',
    kind: 'json',
  },
  { name: 'api: catalog', path: (g) => `/api/guilds/${g.guildId}/catalog`, as: 'moderator', kind: 'json' },
  { name: 'api: rules', path: (g) => `/api/guilds/${g.guildId}/rules`, as: 'moderator', kind: 'json' },
  {
    name: 'api: mod funnel',
    path: (g) => `/api/guilds/${g.guildId}/mod/funnel`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: mod members',
    path: (g) => `/api/guilds/${g.guildId}/mod/members?dir=asc&size=100`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: mod rewards',
    path: (g) => `/api/guilds/${g.guildId}/mod/rewards`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: mod rules',
    path: (g) => `/api/guilds/${g.guildId}/mod/rules`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: mod XP policy',
    path: (g) => `/api/guilds/${g.guildId}/mod/xp-policy`,
    as: 'moderator',
    kind: 'json',
  },
  {
    name: 'api: mod onboarding setup',
    path: (g) => `/api/guilds/${g.guildId}/mod/onboarding`,
    as: 'moderator',
    kind: 'json',
  },
  ...(['xp-policy', 'catalog', 'rewards', 'rules', 'onboarding'] as const).map((setting): DashboardPage => ({
    name: `api: mod history of ${setting}`,
    path: (g) => `/api/guilds/${g.guildId}/mod/history/${setting}?limit=20`,
    as: 'moderator',
    kind: 'json',
  })),
  {
    name: 'api: live events (first event)',
    path: (g) => `/api/guilds/${g.guildId}/live`,
    as: 'moderator',
    kind: 'stream',
  },
];
