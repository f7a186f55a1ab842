/**
 * Errors that say "the database is unreachable or busy", not "this message is bad". They
 * delay a message but never count toward sending it to DEAD: an outage must not bury events.
 */
export function isTransientError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Postgres: 08 connection exception, 53 insufficient resources, 57P operator intervention,
    // 40001 serialization failure, 40P01 deadlock. Node: socket errors.
    if (/^(08|53|57P)/.test(code) || code === '40001' || code === '40P01') return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
  }
  const message = (e as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * Errors that say "NATS did not answer": a request timed out, nothing listens (JetStream not
 * up yet after a restart), the connection is down. Worth waiting out, unlike a refusal.
 */
export function isNatsUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; typeof err === 'object' && err !== null && depth < 4; depth++) {
    const name = (err as { name?: unknown }).name;
    if (
      name === 'TimeoutError' ||
      name === 'NoResponders' ||
      name === 'ConnectionError' ||
      name === 'JetStreamNotEnabled'
    )
      return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
