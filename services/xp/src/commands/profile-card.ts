import type { MemberState } from '../domain/award';
import { levelProgress, progressBar } from '../domain/levels';
import type { LevelCurve } from '../domain/policy';
import { rankFor } from '../domain/ranks';

export interface ProfileCard {
  userId: string;
  state: MemberState | null;
  curve: LevelCurve;
  position: number | null;
  ranked: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** The /profile embed: level, XP bar, XP to next level, rank tier, messages, position. */
export function profileEmbed(card: ProfileCard): Record<string, unknown> {
  const xp = card.state?.xp ?? 0;
  const progress = levelProgress(card.curve, xp);
  const rank = rankFor(progress.level);
  const percent = Math.floor((progress.xpIntoLevel / progress.xpForNextLevel) * 100);
  return {
    title: 'Profile',
    description: `<@${card.userId}> · **${rank.name}**`,
    color: rank.color,
    fields: [
      { name: 'Level', value: `**${progress.level}**`, inline: true },
      { name: 'Total XP', value: fmt(xp), inline: true },
      {
        name: 'Position',
        value: card.position ? `#${fmt(card.position)} of ${fmt(card.ranked)}` : 'not ranked yet',
        inline: true,
      },
      {
        name: `Progress to level ${progress.level + 1}`,
        value: `${progressBar(progress)} ${percent}%\n${fmt(progress.xpToNextLevel)} XP to go`,
      },
      { name: 'Messages', value: fmt(card.state?.messages ?? 0), inline: true },
      { name: 'Rank', value: rank.name, inline: true },
    ],
  };
}
