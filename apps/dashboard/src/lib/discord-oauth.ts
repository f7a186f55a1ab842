import type { DashboardEnv } from './env';

/** `identify` for the profile, `guilds` for the guild list with the member's permissions. */
export const OAUTH_SCOPES = 'identify guilds';

export interface DiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  avatar?: string | null;
}

export interface DiscordPartialGuild {
  id: string;
  name: string;
  icon?: string | null;
  owner?: boolean;
  permissions?: string;
}

export class DiscordOAuthError extends Error {
  constructor(
    message: string,
    readonly status = 502,
  ) {
    super(message);
    this.name = 'DiscordOAuthError';
  }
}

export function redirectUri(env: DashboardEnv): string {
  return `${env.dashboardUrl}/api/auth/callback`;
}

export function authorizeUrl(env: DashboardEnv, state: string, extra: Record<string, string> = {}): string {
  const url = new URL(env.oauthAuthorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', env.applicationId);
  url.searchParams.set('scope', OAUTH_SCOPES);
  url.searchParams.set('redirect_uri', redirectUri(env));
  url.searchParams.set('state', state);
  url.searchParams.set('prompt', 'none');
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url.toString();
}

/** Authorization-code grant with the PKCE verifier; Discord wants the body form-encoded. */
export async function exchangeCode(env: DashboardEnv, code: string, codeVerifier: string): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    code_verifier: codeVerifier,
    redirect_uri: redirectUri(env),
    client_id: env.applicationId,
    client_secret: env.clientSecret,
  });
  const res = await discordFetch(`${env.discordApiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const token = (await res.json()) as { access_token?: string };
  if (!token.access_token) throw new DiscordOAuthError('Discord returned no access token');
  return token.access_token;
}

/** Ends the token at Discord, so a copy of it (a backup of the session store) is worth nothing. */
export async function revokeToken(env: DashboardEnv, accessToken: string): Promise<void> {
  const body = new URLSearchParams({
    token: accessToken,
    token_type_hint: 'access_token',
    client_id: env.applicationId,
    client_secret: env.clientSecret,
  });
  await discordFetch(`${env.discordApiUrl}/oauth2/token/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function fetchUser(env: DashboardEnv, accessToken: string): Promise<DiscordUser> {
  const res = await discordFetch(`${env.discordApiUrl}/v10/users/@me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return (await res.json()) as DiscordUser;
}

export async function fetchUserGuilds(
  env: DashboardEnv,
  accessToken: string,
): Promise<DiscordPartialGuild[]> {
  const res = await discordFetch(`${env.discordApiUrl}/v10/users/@me/guilds`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return (await res.json()) as DiscordPartialGuild[];
}

async function discordFetch(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new DiscordOAuthError(`Discord is unreachable (${(err as Error).message})`, 503);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new DiscordOAuthError(
      `Discord answered ${res.status} for ${new URL(url).pathname}: ${text.slice(0, 200)}`,
      res.status === 401 ? 401 : 502,
    );
  }
  return res;
}
