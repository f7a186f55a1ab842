import { routeMatcher, routesOfManifest } from './route-label';

// The shape of .next/app-path-routes-manifest.json: the app's file, then the route it serves.
const manifest = {
  '/page': '/',
  '/_not-found/page': '/_not-found',
  '/metrics/route': '/metrics',
  '/api/health/route': '/api/health',
  '/[guildId]/(member)/page': '/[guildId]',
  '/[guildId]/(public)/leaderboard/page': '/[guildId]/leaderboard',
  '/[guildId]/(public)/[userId]/page': '/[guildId]/[userId]',
  '/api/guilds/[guildId]/leaderboard/route': '/api/guilds/[guildId]/leaderboard',
};

describe('request metrics labels', () => {
  const routes = routeMatcher(routesOfManifest(manifest));

  it('names the route, not the guild, so each guild does not add a time series', () => {
    expect(routes.label('/api/guilds/123456789012345678/leaderboard')).toBe(
      '/api/guilds/[guildId]/leaderboard',
    );
    expect(routes.label('/123456789012345678')).toBe('/[guildId]');
    expect(routes.label('/123456789012345678/223456789012345678')).toBe('/[guildId]/[userId]');
  });

  it('prefers a static segment over a dynamic one, as Next does', () => {
    expect(routes.label('/metrics')).toBe('/metrics');
    expect(routes.label('/')).toBe('/');
    expect(routes.label('/123456789012345678/leaderboard')).toBe('/[guildId]/leaderboard');
  });

  it('folds build assets and paths no route serves into one label each', () => {
    expect(routes.label('/_next/static/chunks/app-1a2b.js')).toBe('/_next/static');
    expect(routes.label('/wp-admin/includes/setup.php')).toBe('unmatched');
  });

  it('takes a missing manifest as no routes', () => {
    expect(routesOfManifest(undefined)).toEqual([]);
    expect(routeMatcher([]).label('/metrics')).toBe('unmatched');
  });
});
