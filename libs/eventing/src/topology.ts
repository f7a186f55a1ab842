import type { StreamName } from '@guildhall/contracts';

/** A namespace becomes both a stream-name prefix and a subject token, so it must be valid as each. */
const NAMESPACE = /^[A-Za-z0-9_-]{0,32}$/;

/**
 * Prefixes stream names and subjects so tests (and tenants) can share one NATS server:
 * namespace `t1` turns stream `DISCORD` into `t1_DISCORD` and `discord.>` into `t1.discord.>`.
 */
export class Topology {
  readonly namespace: string;
  private readonly prefix: string;

  constructor(namespace = '') {
    if (!NAMESPACE.test(namespace))
      throw new Error(`invalid event namespace "${namespace}": use letters, digits, _ or -`);
    this.namespace = namespace;
    this.prefix = namespace ? `${namespace}.` : '';
  }

  stream(name: StreamName): string {
    return this.namespace ? `${this.namespace}_${name}` : name;
  }

  subject(s: string): string {
    return this.prefix + s;
  }

  /** Inverse of subject(); a subject outside this namespace is returned unchanged. */
  strip(subject: string): string {
    return this.prefix && subject.startsWith(this.prefix) ? subject.slice(this.prefix.length) : subject;
  }
}
