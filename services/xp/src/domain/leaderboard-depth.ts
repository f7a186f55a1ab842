import { PUBLIC_LEADERBOARD_DEPTH } from '@guildhall/contracts';

/** Why this page is refused to the caller, or undefined when they may read it (members of the guild page the whole board). */
export function leaderboardDepthRefusal(
  offset: number,
  limit: number,
  memberOfGuild: boolean,
): string | undefined {
  if (memberOfGuild || offset + limit <= PUBLIC_LEADERBOARD_DEPTH) return undefined;
  return `past the top ${PUBLIC_LEADERBOARD_DEPTH} the leaderboard is shown to members of the guild only: sign in`;
}
