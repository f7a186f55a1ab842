/** Next calls this once per server process before it serves a request. */
export async function register(): Promise<void> {
  // Written as Next's docs have it, so the edge bundle (middleware), which has neither diagnostics
  // channels nor prom-client, drops the import at build time.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { observeRequests } = await import('./lib/observability/request-observer');
    observeRequests();
  }
}
