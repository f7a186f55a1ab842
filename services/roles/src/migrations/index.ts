import { RolesInitial1767225600000 } from './1767225600000-roles-initial';
import { GuildDirectory1767398400000 } from './1767398400000-guild-directory';

/** In order; never edit one that has shipped, add the next. */
export const ROLES_MIGRATIONS = [RolesInitial1767225600000, GuildDirectory1767398400000];
