import { LruCache } from '@guildhall/platform/src/cache/lru-cache';
import { dashboardEnv } from './env';

export interface DiscordRole {
  id: string;
  name: string;
  color: number;
  position: number;
  managed: boolean;
}

const TTL_MS = 30_000;
/** Guilds whose roles were shown lately; bounded, since a guild's entry stays after its TTL. */
const cache = new LruCache<string, { at: number; roles: DiscordRole[] }>(1000);

/**
 * The guild's roles with names and colours, read with the bot token. The services keep role ids
 * only; names are for display, so without a token (or on error) the caller shows ids instead.
 */
export async function guildRoles(guildId: string): Promise<DiscordRole[]> {
  const env = dashboardEnv();
  if (!env.discordToken) return [];
  const hit = cache.get(guildId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.roles;
  try {
    const res = await fetch(`${env.discordApiUrl}/v10/guilds/${guildId}/roles`, {
      headers: { authorization: `Bot ${env.discordToken}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) return hit?.roles ?? [];
    const roles = ((await res.json()) as DiscordRole[])
      .filter((r) => r.id !== guildId)
      .sort((a, b) => b.position - a.position);
    cache.set(guildId, { at: Date.now(), roles });
    return roles;
  } catch {
    return hit?.roles ?? [];
  }
}
