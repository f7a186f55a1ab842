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
