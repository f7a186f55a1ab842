export interface RouteMatcher {
  label(pathname: string): string;
}

interface CompiledRoute {
  pattern: string;
  regex: RegExp;
  /** Per segment 0 static, 1 dynamic, 2 catch-all: a static segment wins where both match. */
  rank: number[];
}

/**
 * Labels a request by the route that serves it (`/[guildId]/mod`), never by its raw path: guild
 * and member ids in a label would make one time series per guild. What no route serves is
 * `unmatched`, so a scan of random URLs adds one series, not thousands.
 */
export function routeMatcher(patterns: readonly string[]): RouteMatcher {
  const routes = patterns.map(compile).sort((a, b) => compareRank(a.rank, b.rank));
  return {
    label(pathname: string): string {
      if (pathname.startsWith('/_next/static/')) return '/_next/static';
      if (pathname.startsWith('/_next/')) return '/_next';
      for (const r of routes) if (r.regex.test(pathname)) return r.pattern;
      return 'unmatched';
    },
  };
}

/** The route patterns of Next's app-path-routes-manifest.json (`{"/[guildId]/(member)/page": "/[guildId]"}`). */
export function routesOfManifest(manifest: unknown): string[] {
  if (!manifest || typeof manifest !== 'object') return [];
  const patterns = Object.values(manifest).filter((p): p is string => typeof p === 'string');
  return [...new Set(patterns)].filter((p) => p.startsWith('/') && p !== '/_not-found');
}

function compile(pattern: string): CompiledRoute {
  const segments = pattern.split('/').filter(Boolean);
  const rank: number[] = [];
  const parts = segments.map((segment) => {
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) return (rank.push(2), '(?:/.*)?');
    if (/^\[\.\.\..+\]$/.test(segment)) return (rank.push(2), '/.+');
    if (/^\[.+\]$/.test(segment)) return (rank.push(1), '/[^/]+');
    rank.push(0);
    return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  });
  return { pattern, regex: new RegExp(`^${parts.join('')}/?$`), rank };
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return b.length - a.length;
}
