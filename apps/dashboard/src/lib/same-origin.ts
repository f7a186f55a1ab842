/** Methods that change nothing; every other method must come from the dashboard's own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request that would change something is refused as cross-site, or undefined when it may
 * go on. The session cookie is SameSite=Lax, which already keeps it off cross-site POSTs in
 * current browsers; this is the second lock for older ones and for same-site subdomains, and it
 * also covers logout. A browser always says where a POST comes from (`Origin`, or at least
 * `Sec-Fetch-Site`); a request that says neither did not come from our pages.
 */
export function crossSiteRefusal(
  method: string,
  headers: { get(name: string): string | null },
  dashboardOrigin: string,
): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  const origin = headers.get('origin');
  if (origin !== null) {
    return origin === dashboardOrigin
      ? undefined
      : `Refused: this request came from ${origin.slice(0, 100)}, not from the dashboard's own pages.`;
  }
  const site = headers.get('sec-fetch-site');
  if (site === 'same-origin') return undefined;
  return site
    ? `Refused: this request came from a ${site} page, not from the dashboard's own pages.`
    : "Refused: changes are accepted only from the dashboard's own pages (the request has no Origin header).";
}
