import type { ConfigHistoryPage, RestoreResult } from '@guildhall/config-history';
import { serviceFetch, type Caller, type ServiceName } from './service-fetch';

export type { ConfigChange, ConfigHistoryPage, ConfigVersion } from '@guildhall/config-history';

/** Every setting with a history, and the service that keeps it. */
export const HISTORY_SETTINGS = {
  'xp-policy': 'xp',
  catalog: 'roles',
  rewards: 'roles',
  rules: 'onboarding',
  onboarding: 'onboarding',
} as const satisfies Record<string, ServiceName>;

export type HistorySetting = keyof typeof HISTORY_SETTINGS;

export const isHistorySetting = (s: string): s is HistorySetting => Object.hasOwn(HISTORY_SETTINGS, s);

export function getHistory(
  guildId: string,
  setting: HistorySetting,
  caller: Caller,
  page: { limit?: string; before?: string },
): Promise<ConfigHistoryPage> {
  return serviceFetch(HISTORY_SETTINGS[setting], `/guilds/${guildId}/history/${setting}`, {
    caller,
    query: page,
  });
}

export function restoreVersion(
  guildId: string,
  setting: HistorySetting,
  version: string,
  caller: Caller,
): Promise<RestoreResult<unknown>> {
  return serviceFetch(HISTORY_SETTINGS[setting], `/guilds/${guildId}/history/${setting}/${version}/restore`, {
    caller,
    method: 'POST',
  });
}
