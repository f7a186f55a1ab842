/**
 * The client's address: the last X-Forwarded-For entry, which the proxy in front of us (the
 * Kubernetes ingress) appended from the connection it accepted, or which `next start` set from
 * its socket when nothing did. Entries before it are whatever the client sent, so they are not
 * trusted. Exposed without a proxy, a client can choose this header; the live streams' `total` still holds then.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  return last || 'unknown';
}
