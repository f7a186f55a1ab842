import { rankFor } from '../domain/ranks';
import type { LeaderboardRow } from '../projections/leaderboard.projection';

/** Buttons carry the page they lead to: `xp:lb:<page>` (0-based), owned by this service. */
export const LEADERBOARD_BUTTON = /^xp:lb:(\d{1,6})$/;
export const leaderboardButtonId = (page: number): string => `xp:lb:${page}`;

const MEDALS = ['🥇', '🥈', '🥉'];
const fmt = (n: number): string => n.toLocaleString('en-US');

/** One page of the leaderboard with previous/next buttons, as a Discord message body. */
export function leaderboardView(rows: LeaderboardRow[], page: number, pageSize: number, ranked: number) {
  const pages = Math.max(1, Math.ceil(ranked / pageSize));
  const lines = rows.map((r) => {
    const mark = MEDALS[r.position - 1] ?? `**${r.position}.**`;
    return `${mark} <@${r.userId}> — level ${r.level} · ${fmt(r.xp)} XP · ${rankFor(r.level).name}`;
  });
  const embed = {
    title: 'Leaderboard',
    description:
      lines.length > 0
        ? lines.join('\n')
        : ranked === 0
          ? 'No one has earned XP yet.'
          : 'This page is empty.',
    color: 0xf1c40f,
    footer: { text: `Page ${Math.min(page + 1, pages)} of ${pages} · ${fmt(ranked)} ranked members` },
  };
  const button = (label: string, target: number, disabled: boolean) => ({
    type: 2,
    style: 2,
    label,
    custom_id: leaderboardButtonId(target),
    disabled,
  });
  const components = [
    {
      type: 1,
      components: [
        button('◀ Previous', Math.max(0, page - 1), page <= 0),
        button('Next ▶', page + 1, page + 1 >= pages),
      ],
    },
  ];
  return { embeds: [embed], components };
}
