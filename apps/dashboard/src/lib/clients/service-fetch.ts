import { dashboardEnv } from '../env';
import type { GuildRole } from '../permissions';
import { signServiceToken } from '../service-token';

export type ServiceName = 'xp' | 'roles' | 'onboarding';

/** Who the dashboard is calling for. Absent for anonymous reads of public routes. */
export interface Caller {
  userId: string;
  guildId: string;
  role: GuildRole;
}

/** A service answered with an error, or could not be reached; carries a status fit for our API. */
export class ServiceError extends Error {
  constructor(
    readonly service: ServiceName,
    readonly status: number,
    message: string,
    /** The service's JSON answer, when it sent one. */
    readonly body?: unknown,
    /** The service's Retry-After (a 429's), passed on to the browser. */
    readonly retryAfter?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** One page's calls finish well within a minute; a leaked token is useless soon after. */
const TOKEN_TTL_SECONDS = 60;

function baseUrl(service: ServiceName): string {
  const env = dashboardEnv();
  return service === 'xp' ? env.xpUrl : service === 'roles' ? env.rolesUrl : env.onboardingUrl;
}

export async function serviceFetch<T>(
  service: ServiceName,
  path: string,
  opts: {
    caller?: Caller;
    method?: string;
    body?: unknown;
    query?: Record<string, string | number | undefined>;
  } = {},
): Promise<T> {
  const url = new URL(`${baseUrl(service)}${path}`);
  for (const [k, v] of Object.entries(opts.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.caller) {
    const { userId, guildId, role } = opts.caller;
    headers.authorization = `Bearer ${signServiceToken(dashboardEnv().authSecret, { sub: userId, guildId, role, aud: service }, TOKEN_TTL_SECONDS)}`;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      cache: 'no-store',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new ServiceError(
      service,
      503,
      `The ${service} service is unreachable right now (${(err as Error).message}).`,
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok)
    throw new ServiceError(
      service,
      res.status,
      errorMessage(json) ?? `The ${service} service answered ${res.status}.`,
      json,
      res.headers.get('retry-after') ?? undefined,
    );
  return json as T;
}

/** Like serviceFetch, but a 404 is "nothing there" rather than an error. */
export async function serviceFind<T>(
  service: ServiceName,
  path: string,
  opts: Parameters<typeof serviceFetch>[2] = {},
): Promise<T | undefined> {
  try {
    return await serviceFetch<T>(service, path, opts);
  } catch (err) {
    if (err instanceof ServiceError && err.status === 404) return undefined;
    throw err;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}

/** Nest answers `{ message: string | string[] }`; a 400 names the field. */
function errorMessage(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const m = (json as { message?: unknown }).message;
  if (Array.isArray(m)) return m.join('; ');
  return typeof m === 'string' ? m : undefined;
}
