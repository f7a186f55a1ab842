import type { DashboardEnv } from './env';
import { signServiceToken } from './service-token';

/**
 * The guild's configured moderator role (services/onboarding setup `modRoleId`) also makes a
 * moderator. Checked at sign-in for members without Manage Server: the setup is read as
 * Guildhall itself (the application id, not the member), and the member's roles with the bot
 * token, so a member can never raise their own role.
 */
export async function holdsModRole(env: DashboardEnv, guildId: string, userId: string): Promise<boolean> {
  if (!env.discordToken || !/^\d{15,21}$/.test(env.applicationId)) return false;
  try {
    const token = signServiceToken(
      env.authSecret,
      { sub: env.applicationId, guildId, role: 'moderator' },
      30,
    );
    const setup = await fetch(`${env.onboardingUrl}/guilds/${guildId}/setup`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!setup.ok) return false;
    const modRoleId = ((await setup.json()) as { settings?: { modRoleId?: string | null } }).settings
      ?.modRoleId;
    if (!modRoleId) return false;
    const member = await fetch(`${env.discordApiUrl}/v10/guilds/${guildId}/members/${userId}`, {
      headers: { authorization: `Bot ${env.discordToken}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!member.ok) return false;
    return ((await member.json()) as { roles?: string[] }).roles?.includes(modRoleId) ?? false;
  } catch {
    // Unknown means no: the member keeps member access and can sign in again later.
    return false;
  }
}
