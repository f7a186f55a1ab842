import { createHash } from 'node:crypto';
import type { CommandSpec } from '@guildhall/contracts';

/** The slash commands this service owns; the gateway merges them with other owners'. */
export const XP_COMMANDS: CommandSpec[] = [
  {
    name: 'profile',
    description: 'Your level, XP, rank and leaderboard position',
    // Discord option type 6 = USER.
    options: [
      { type: 6, name: 'user', description: 'Whose profile to show (default: yours)', required: false },
    ],
  },
  { name: 'leaderboard', description: 'The members with the most XP' },
];

/** Changes when the command set does, so a restart re-registers only after an edit (the stream dedupes the rest). */
export const XP_COMMANDS_VERSION = createHash('sha256')
  .update(JSON.stringify(XP_COMMANDS))
  .digest('hex')
  .slice(0, 12);
