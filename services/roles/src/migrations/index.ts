import { EventingUpgrade1767800000000 } from '@guildhall/platform';
import { RolesInitial1767225600000 } from './1767225600000-roles-initial';
import { SettingsVersions1767398400000 } from './1767398400000-settings-versions';
import { GuildDirectory1767398500000 } from './1767398500000-guild-directory';
import { RateLimitIndexes1767900200000 } from './1767900200000-rate-limit-indexes';
import { AppliedOpsIndex1768000000000 } from './1768000000000-applied-ops-index';

/** In order; never edit one that has shipped, add the next. */
export const ROLES_MIGRATIONS = [
  RolesInitial1767225600000,
  SettingsVersions1767398400000,
  GuildDirectory1767398500000,
  EventingUpgrade1767800000000,
  RateLimitIndexes1767900200000,
  AppliedOpsIndex1768000000000,
];
