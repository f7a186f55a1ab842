import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { XpSchema1767225600000 } from './1767225600000-xp-schema';
import { MemberNames1767312000000 } from './1767312000000-member-names';
import { PolicyRestoredFrom1767398400000 } from './1767398400000-policy-restored-from';
import { GuildDirectory1767398500000 } from './1767398500000-guild-directory';
import { LeaderboardVisibility1767398600000 } from './1767398600000-leaderboard-visibility';
import { PolicyInForceIndex1767900100000 } from './1767900100000-policy-in-force-index';

/** In order; each runs once per schema. */
export const XP_MIGRATIONS = [
  XpSchema1767225600000,
  MemberNames1767312000000,
  PolicyRestoredFrom1767398400000,
  GuildDirectory1767398500000,
  LeaderboardVisibility1767398600000,
  EventingUpgrade1767800000000,
  PolicyInForceIndex1767900100000,
];
