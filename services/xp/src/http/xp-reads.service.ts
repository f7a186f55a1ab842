import { Inject, Injectable } from '@nestjs/common';
import { KIT, PlatformKit } from '@guildhall/platform';
import { levelProgress } from '../domain/levels';
import { rankFor } from '../domain/ranks';
import { GuildDirectory } from '../projections/guild-directory';
import { LeaderboardProjection } from '../projections/leaderboard.projection';
import { MemberNames } from '../projections/member-names';
import { MemberXpProjection } from '../projections/member-xp.projection';
import { PolicyHistory } from '../projections/policy-history';

/** Below this offset a page is cheap from the top; above it, knowing the total first pays off. */
const DEEP_OFFSET = 1000;

/** What the read API serves, shaped for the dashboard's profile card and leaderboard. */
@Injectable()
export class XpReads {
  private readonly members: MemberXpProjection;
  private readonly leaderboard: LeaderboardProjection;
  private readonly names: MemberNames;
  private readonly guilds: GuildDirectory;

  constructor(
    @Inject(KIT) private readonly kit: PlatformKit,
    private readonly policies: PolicyHistory,
  ) {
    this.members = new MemberXpProjection(kit.config.schema);
    this.leaderboard = new LeaderboardProjection(kit.config.schema);
    this.names = new MemberNames(kit.config.schema);
    this.guilds = new GuildDirectory(kit.config.schema);
  }

  /** The guild as Discord last described it to us; null when it never synced. */
  async guild(guildId: string) {
    const name = await this.guilds.nameOf(this.kit.pool, guildId);
    return name === null ? null : { guildId, name };
  }

  async member(guildId: string, userId: string) {
    const db = this.kit.pool;
    const [state, position, ranked, policy, displayName] = await Promise.all([
      this.members.get(db, guildId, userId),
      this.leaderboard.positionOf(db, guildId, userId),
      this.leaderboard.size(db, guildId),
      this.policies.current(db, guildId),
      this.names.nameOf(db, guildId, userId),
    ]);
    const xp = state?.xp ?? 0;
    const progress = levelProgress(policy.policy.curve, xp);
    return {
      guildId,
      userId,
      displayName,
      xp,
      // The stored level is what the member was told; it differs from the curve only until a
      // `--reapply-policy` rebuild after a curve change.
      level: state?.level ?? 0,
      rank: rankFor(state?.level ?? 0).name,
      messages: state?.messages ?? 0,
      position,
      rankedMembers: ranked,
      xpIntoLevel: progress.xpIntoLevel,
      xpForNextLevel: progress.xpForNextLevel,
      xpToNextLevel: progress.xpToNextLevel,
      // Not when the member last earned XP: the profile is public, and that is when they last chatted.
    };
  }

  /** Members whose name contains `text`, shaped like leaderboard entries. */
  async search(guildId: string, text: string, limit: number) {
    const rows = await this.leaderboard.search(this.kit.pool, guildId, text, limit);
    return { guildId, search: text, entries: rows.map((r) => ({ ...r, rank: rankFor(r.level).name })) };
  }

  async leaderboardPage(guildId: string, limit: number, offset: number) {
    const db = this.kit.pool;
    // Deep pages count first, so the page can be read from the nearer end of the index.
    const [total, rows] =
      offset < DEEP_OFFSET
        ? await Promise.all([
            this.leaderboard.size(db, guildId),
            this.leaderboard.page(db, guildId, limit, offset),
          ])
        : await this.leaderboard
            .size(db, guildId)
            .then(async (n) => [n, await this.leaderboard.page(db, guildId, limit, offset, n)] as const);
    return {
      guildId,
      total,
      limit,
      offset,
      entries: rows.map((r) => ({ ...r, rank: rankFor(r.level).name })),
    };
  }
}
