// The one module of contracts with no decorators, so the dashboard's bundles stay free of class-validator.
import { MAX_PARTITIONS } from '@guildhall/contracts/src/partitions';
/** The dashboard's environment, parsed once per process on first use (never at import time). */
export interface DashboardEnv {
  /** Discord application (OAuth client) id. */
  applicationId: string;
  clientSecret: string;
  /** Signs the session cookie and the service tokens; the services verify with the same secret. */
  authSecret: string;
  /** Public origin of the dashboard; the OAuth redirect URI is derived from it. */
  dashboardUrl: string;
  /** Full URL of the authorize page, e.g. https://discord.com/oauth2/authorize. */
  oauthAuthorizeUrl: string;
  /** REST base without the version, e.g. https://discord.com/api. */
  discordApiUrl: string;
  /** Bot token: when set, only guilds where the bot is present are offered. */
  discordToken?: string;
  xpUrl: string;
  rolesUrl: string;
  onboardingUrl: string;
  natsUrl: string;
  eventNamespace: string;
  /** EVENT_PARTITIONS, as every service of the deployment has it. */
  eventPartitions: number;
  /** Sessions are marked Secure when the dashboard is served over https. */
  secureCookies: boolean;
  /** Logins, and callbacks, one address may make in 10 minutes (SIGN_IN_LIMIT_PER_ADDRESS). */
  signInLimitPerAddress: number;
  /** Sign-ins one Discord account may make in 10 minutes (SIGN_IN_LIMIT_PER_USER). */
  signInLimitPerUser: number;
  /** How old a session's view of the member's guilds and roles may be before it is asked again (SESSION_RECHECK_SECONDS). */
  sessionRecheckMs: number;
  /** STREAM_REPLICAS, as the services have it: the session bucket is replicated like the streams. */
  streamReplicas: number;
}

let cached: DashboardEnv | undefined;

export function dashboardEnv(): DashboardEnv {
  cached ??= parseDashboardEnv(process.env);
  return cached;
}

export function parseDashboardEnv(env: NodeJS.ProcessEnv): DashboardEnv {
  const authSecret = env.AUTH_SECRET ?? '';
  if (!authSecret) throw new Error('AUTH_SECRET is required: it signs sessions and service tokens');
  const dashboardUrl = trimSlash(env.DASHBOARD_URL || 'http://localhost:3000');
  return {
    applicationId: env.DISCORD_APPLICATION_ID ?? '',
    clientSecret: env.DISCORD_CLIENT_SECRET ?? '',
    authSecret,
    dashboardUrl,
    oauthAuthorizeUrl: authorizeUrl(env.DISCORD_OAUTH_URL || 'https://discord.com'),
    discordApiUrl: apiBase(env.DISCORD_API_URL || 'https://discord.com/api'),
    discordToken: env.DISCORD_TOKEN || undefined,
    xpUrl: trimSlash(env.XP_URL || 'http://127.0.0.1:3101'),
    rolesUrl: trimSlash(env.ROLES_URL || 'http://127.0.0.1:3102'),
    onboardingUrl: trimSlash(env.ONBOARDING_URL || 'http://127.0.0.1:3103'),
    natsUrl: env.NATS_URL || 'nats://127.0.0.1:4222',
    eventNamespace: env.EVENT_NAMESPACE ?? '',
    eventPartitions: partitions(env.EVENT_PARTITIONS),
    secureCookies: dashboardUrl.startsWith('https://'),
    signInLimitPerAddress: positiveInteger(env.SIGN_IN_LIMIT_PER_ADDRESS, 30),
    signInLimitPerUser: positiveInteger(env.SIGN_IN_LIMIT_PER_USER, 10),
    sessionRecheckMs: positiveInteger(env.SESSION_RECHECK_SECONDS, 120) * 1000,
    streamReplicas: streamReplicas(env.STREAM_REPLICAS),
  };
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
}

function streamReplicas(value: string | undefined): number {
  if (!value) return 1;
  if (!['1', '3', '5'].includes(value)) throw new Error(`STREAM_REPLICAS "${value}" must be 1, 3 or 5`);
  return Number(value);
}

function partitions(value: string | undefined): number {
  if (!value) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PARTITIONS)
    throw new Error(`EVENT_PARTITIONS "${value}" must be a whole number from 1 to ${MAX_PARTITIONS}`);
  return n;
}

/** Accepts an origin (`http://127.0.0.1:3900`) or the full authorize URL. */
function authorizeUrl(value: string): string {
  const url = trimSlash(value);
  return /\/oauth2\/authorize$/.test(url) ? url : `${url}/oauth2/authorize`;
}

/** Accepts `…/api` or `…/api/v10`; the versioned paths are added per call. */
function apiBase(value: string): string {
  return trimSlash(value).replace(/\/v\d+$/, '');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
