import { signServiceToken, type Role } from '@guildhall/platform';

export interface PlayerEndpoints {
  /** The simulator's base URL (its /_sim control API tells the demo guild and its members). */
  simUrl: string;
  onboardingUrl: string;
  rolesUrl: string;
  /** AUTH_SECRET of the platform: tokens are signed as the services' dashboard would sign them. */
  secret: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** JSON over HTTP as one person (owner or member) of the demo guild. */
export class PlayerApi {
  constructor(private readonly endpoints: PlayerEndpoints) {}

  private token(aud: 'onboarding' | 'roles', as: { guildId: string; userId: string; role: Role }): string {
    return signServiceToken(
      this.endpoints.secret,
      { sub: as.userId, guildId: as.guildId, role: as.role, aud },
      300,
    );
  }

  sim<T>(path: string): Promise<T> {
    return this.call<T>('GET', `${this.endpoints.simUrl}${path}`);
  }

  onboarding<T>(
    method: string,
    path: string,
    as: { guildId: string; userId: string; role: Role },
    body?: unknown,
  ): Promise<T> {
    return this.call<T>(method, `${this.endpoints.onboardingUrl}${path}`, this.token('onboarding', as), body);
  }

  roles<T>(
    method: string,
    path: string,
    as: { guildId: string; userId: string; role: Role },
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    return this.call<T>(method, `${this.endpoints.rolesUrl}${path}`, this.token('roles', as), body, headers);
  }

  private async call<T>(
    method: string,
    url: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await fetch(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new HttpProblem(res.status, parsed, `${method} ${new URL(url).pathname}`);
    return parsed as T;
  }
}
