import { ConfigChange, fieldChange, show, showPlain } from '@guildhall/config-history';
import type { GuildSettings } from './setup';

/** Labels in the setup page's words; ids read bare, texts quoted. */
const FIELDS: { key: keyof GuildSettings; label: string; id?: boolean }[] = [
  { key: 'rulesChannelId', label: 'rules channel', id: true },
  { key: 'welcomeChannelId', label: 'welcome channel', id: true },
  { key: 'preMemberRoleId', label: 'Pre-Member role', id: true },
  { key: 'memberRoleId', label: 'Member role', id: true },
  { key: 'modRoleId', label: 'moderator role', id: true },
  { key: 'preMemberRoleName', label: 'Pre-Member role name' },
  { key: 'memberRoleName', label: 'Member role name' },
  { key: 'welcomeText', label: 'welcome text' },
  { key: 'restartOnRejoin', label: 'agree again after rejoining' },
];

/** Pure: what changed between two versions of a guild's onboarding settings. */
export function setupChanges(before: GuildSettings, after: GuildSettings): ConfigChange[] {
  return FIELDS.flatMap(({ key, label, id }) =>
    fieldChange(key, label, before[key], after[key], id ? showPlain : show),
  );
}
