import { serviceFetch, serviceFind, type Caller } from './service-fetch';

export interface RankTier {
  name: string;
  color: number;
}

export interface MemberXp {
  userId: string;
  xp: number;
  level: number;
  messages: number;
  /** 1-based position on the guild leaderboard; null before the first XP. */
  position: number | null;
  /** Members with any XP: the denominator of `position`. */
  rankedMembers: number;
  rank: RankTier;
  xpIntoLevel: number;
  xpForNextLevel: number;
  xpToNextLevel: number;
  username?: string | null;
  avatar?: string | null;
}

export interface LeaderboardPage {
  total: number;
  entries: MemberXp[];
}

export type XpAmount = { kind: 'fixed'; xp: number } | { kind: 'random'; min: number; max: number };
export interface Multiplier {
  id: string;
  multiplier: number;
}
/** The wire shape of services/xp's policy (GET returns what PUT accepts). */
export interface XpPolicy {
  amount: XpAmount;
  cooldownSeconds: number;
  curve: 'sqrt' | 'step';
  roleMultipliers: Multiplier[];
  channelMultipliers: Multiplier[];
  noXpChannels: string[];
  levelUpMessage: { enabled: boolean; channelId?: string; template: string };
}

/** The tiers of services/xp/src/domain/ranks.ts, coloured as in Discord embeds. */
const RANK_COLORS: Record<string, number> = {
  Newcomer: 0x99aab5,
  Regular: 0x2ecc71,
  Veteran: 0x3498db,
  Elite: 0x9b59b6,
  Champion: 0xe67e22,
  Legend: 0xf1c40f,
};

const g = (guildId: string) => `/guilds/${guildId}`;

/** The guild's name as Discord last told Guildhall; undefined for a guild it never saw. Public. */
export async function getGuildName(guildId: string): Promise<string | undefined> {
  const guild = await serviceFind<{ name?: unknown }>('xp', g(guildId));
  return typeof guild?.name === 'string' ? guild.name : undefined;
}

export function getMemberXp(guildId: string, userId: string, caller?: Caller): Promise<MemberXp | undefined> {
  return serviceFind<unknown>('xp', `${g(guildId)}/members/${userId}`, { caller }).then((m) =>
    m ? toMemberXp(m) : undefined,
  );
}

/** Members whose name contains `text` (moderators only), most XP first. */
export async function searchMembers(guildId: string, text: string, caller: Caller): Promise<MemberXp[]> {
  const raw = await serviceFetch<{ entries?: unknown[] }>('xp', `${g(guildId)}/members`, {
    caller,
    query: { search: text, limit: 25 },
  });
  return (raw.entries ?? []).map(toMemberXp);
}

export async function getLeaderboard(
  guildId: string,
  limit: number,
  offset: number,
  caller?: Caller,
): Promise<LeaderboardPage> {
  const raw = await serviceFetch<unknown>('xp', `${g(guildId)}/leaderboard`, {
    caller,
    query: { limit, offset },
  });
  return toLeaderboard(raw, offset);
}

export interface PolicyVersion {
  version: number;
  effectiveAt: string | null;
  policy: XpPolicy;
}

export function getPolicy(guildId: string, caller: Caller): Promise<PolicyVersion> {
  return serviceFetch<PolicyVersion>('xp', `${g(guildId)}/policy`, { caller });
}

export function putPolicy(guildId: string, caller: Caller, policy: unknown): Promise<PolicyVersion> {
  return serviceFetch<PolicyVersion>('xp', `${g(guildId)}/policy`, { caller, method: 'PUT', body: policy });
}

// The read API is owned by services/xp; these adapters keep the pages independent of its
// exact field names (position vs rank, nested progress or flat).
type Raw = Record<string, unknown>;
const num = (v: unknown, d = 0): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : d;

export function toMemberXp(value: unknown): MemberXp {
  const m = value as Raw;
  const progress = (m.progress ?? m) as Raw;
  const rankName = typeof m.rank === 'string' ? m.rank : String(((m.rank ?? {}) as Raw).name ?? 'Newcomer');
  const xp = num(m.xp ?? m.totalXp);
  const into = num(progress.xpIntoLevel);
  const span = num(progress.xpForNextLevel, 0);
  return {
    userId: String(m.userId),
    xp,
    level: num(m.level),
    messages: num(m.messages ?? m.messageCount),
    position: m.position != null ? num(m.position) : null,
    rankedMembers: num(m.rankedMembers, 0),
    rank: { name: rankName, color: RANK_COLORS[rankName] ?? 0x99aab5 },
    xpIntoLevel: into,
    xpForNextLevel: span,
    xpToNextLevel: num(progress.xpToNextLevel, Math.max(0, span - into)),
    username: (m.username ?? m.displayName ?? null) as string | null,
    avatar: (m.avatar ?? null) as string | null,
  };
}

function toLeaderboard(value: unknown, offset: number): LeaderboardPage {
  const raw = value as Raw;
  const list = (Array.isArray(value) ? value : (raw.entries ?? raw.members ?? raw.items ?? [])) as unknown[];
  const entries = list.map((e, i) => {
    const m = toMemberXp(e);
    return { ...m, position: m.position ?? offset + i + 1 };
  });
  return { total: num(raw.total, entries.length), entries };
}
