import { discordMemberRoles } from './discord-member-roles';
import type { DashboardEnv } from './env';
import { signServiceToken } from './service-token';

/**
 * The guild's configured moderator role (services/onboarding setup `modRoleId`) also makes a
 * moderator. Checked at sign-in for members without Manage Server: the setup is read as
 * Guildhall itself (the application id, not the member), and the member's roles come from the
 * roles service's projection (`knownRoles`), or from Discord with the bot token when the roles
 * service has not seen the member, so a member can never raise their own role.
 */
export async function holdsModRole(
  env: DashboardEnv,
  guildId: string,
  userId: string,
  knownRoles: readonly string[] | null,
): Promise<boolean> {
  // A member the roles service knows with no roles holds no mod role: no need to read the setup.
  if (knownRoles?.length === 0) return false;
  const modRoleId = await configuredModRole(env, guildId);
  if (!modRoleId) return false;
  const roles = knownRoles ?? (await discordMemberRoles(env, guildId, userId));
  // Unknown means no: the member keeps member access and can sign in again later.
  return roles?.includes(modRoleId) ?? false;
}

async function configuredModRole(env: DashboardEnv, guildId: string): Promise<string | null> {
  if (!/^\d{15,21}$/.test(env.applicationId)) return null;
  try {
    const token = signServiceToken(
      env.authSecret,
      { sub: env.applicationId, guildId, role: 'moderator', aud: 'onboarding' },
      30,
    );
    const setup = await fetch(`${env.onboardingUrl}/guilds/${guildId}/setup`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    if (!setup.ok) return null;
    return ((await setup.json()) as { settings?: { modRoleId?: string | null } }).settings?.modRoleId ?? null;
  } catch {
    return null;
  }
}
