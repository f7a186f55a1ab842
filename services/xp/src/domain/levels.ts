import type { LevelCurve } from './policy';

/** Total XP needed to stand at `level` under `curve`. */
export function xpForLevel(curve: LevelCurve, level: number): number {
  if (level <= 0) return 0;
  if (curve === 'sqrt') return 100 * level * level;
  // Σ_{k=0}^{L-1} (5k² + 50k + 100), in closed form.
  const l = level;
  return (5 * (l - 1) * l * (2 * l - 1)) / 6 + 25 * l * (l - 1) + 100 * l;
}

/** The level a member with `xp` total XP has reached. */
export function levelFor(curve: LevelCurve, xp: number): number {
  if (xp <= 0) return 0;
  if (curve === 'sqrt') {
    let level = Math.floor(Math.sqrt(xp / 100));
    // Float sqrt can land one off near perfect squares; the integer bounds settle it.
    while (xpForLevel(curve, level + 1) <= xp) level++;
    while (level > 0 && xpForLevel(curve, level) > xp) level--;
    return level;
  }
  // The step curve grows like L³, so a cube-root estimate is close; correct it exactly.
  let level = Math.max(0, Math.floor(Math.cbrt((3 * xp) / 5)) - 2);
  while (xpForLevel(curve, level + 1) <= xp) level++;
  while (level > 0 && xpForLevel(curve, level) > xp) level--;
  return level;
}

export interface LevelProgress {
  level: number;
  /** XP earned since the current level began. */
  xpIntoLevel: number;
  /** XP the current level spans (from its start to the next level). */
  xpForNextLevel: number;
  /** XP still needed to reach the next level. */
  xpToNextLevel: number;
}

export function levelProgress(curve: LevelCurve, xp: number): LevelProgress {
  const level = levelFor(curve, xp);
  const start = xpForLevel(curve, level);
  const next = xpForLevel(curve, level + 1);
  return { level, xpIntoLevel: xp - start, xpForNextLevel: next - start, xpToNextLevel: next - xp };
}

/** A text bar for Discord embeds, e.g. `▰▰▰▱▱▱▱▱▱▱`. */
export function progressBar(progress: LevelProgress, width = 10): string {
  const filled =
    progress.xpForNextLevel === 0
      ? width
      : Math.floor((progress.xpIntoLevel / progress.xpForNextLevel) * width);
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}
