import { XpSchema1767225600000 } from './1767225600000-xp-schema';
import { MemberNames1767312000000 } from './1767312000000-member-names';
import { LeaderboardVisibility1767398400000 } from './1767398400000-leaderboard-visibility';

/** In order; each runs once per schema. */
export const XP_MIGRATIONS = [XpSchema1767225600000, MemberNames1767312000000, LeaderboardVisibility1767398400000];
