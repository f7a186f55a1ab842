import type { IncomingHttpHeaders } from 'node:http';

/** Who a REST route accepts: the bot token, an OAuth2 Bearer token, either, or nobody in particular. */
export type AuthKind = 'bot' | 'bearer' | 'bot-or-bearer' | 'none';

export type Caller =
  { kind: 'bot' } | { kind: 'bearer'; userId: string; scopes: string[] } | { kind: 'anonymous' };

export interface RequestContext {
  method: string;
  /** Path relative to the API root (no /api/v10), or the full path for control and OAuth pages. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  caller: Caller;
}

export interface Reply {
  status: number;
  body?: unknown;
  html?: string;
  redirect?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  keys: string[];
  auth: AuthKind;
  handler: Handler;
}

export function route(method: string, template: string, handler: Handler, auth: AuthKind = 'bot'): Route {
  const keys: string[] = [];
  const source = template
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { method, template, pattern: new RegExp(`^${source}/?$`), keys, auth, handler };
}

export type Match = { route: Route; params: Record<string, string> } | { allowed: string[] } | null;

export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  const allowed: string[] = [];
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params: Record<string, string> = {};
    r.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
    return { route: r, params };
  }
  return allowed.length ? { allowed } : null;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
