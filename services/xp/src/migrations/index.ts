import { XpSchema1767225600000 } from './1767225600000-xp-schema';

/** In order; each runs once per schema. */
export const XP_MIGRATIONS = [XpSchema1767225600000];
