/** Rank tiers by level; shown on the profile card and the leaderboard. */
export interface RankTier {
  name: string;
  minLevel: number;
  /** Embed colour (Discord wants a 24-bit integer). */
  color: number;
}

export const RANK_TIERS: readonly RankTier[] = Object.freeze([
  { name: 'Newcomer', minLevel: 0, color: 0x99aab5 },
  { name: 'Regular', minLevel: 5, color: 0x2ecc71 },
  { name: 'Veteran', minLevel: 10, color: 0x3498db },
  { name: 'Elite', minLevel: 20, color: 0x9b59b6 },
  { name: 'Champion', minLevel: 35, color: 0xe67e22 },
  { name: 'Legend', minLevel: 50, color: 0xf1c40f },
]);

export function rankFor(level: number): RankTier {
  let tier = RANK_TIERS[0];
  for (const t of RANK_TIERS) if (level >= t.minLevel) tier = t;
  return tier;
}
