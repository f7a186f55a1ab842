import {
  MAX_PARTITIONS,
  partitionedFilter,
  partitionedSubject,
  unpartitionedSubject,
  type StreamName,
} from '@guildhall/contracts';

/** A namespace becomes both a stream-name prefix and a subject token, so it must be valid as each. */
const NAMESPACE = /^[A-Za-z0-9_-]{0,32}$/;

/**
 * Where events travel: prefixes stream names and subjects so tests (and tenants) can share one
 * NATS server (namespace `t1` turns stream `DISCORD` into `t1_DISCORD` and `discord.>` into
 * `t1.discord.>`), and puts the guild's partition into subjects when the log is spread over
 * several (`discord.1.message.created` → `discord.<p>.1.message.created`, see
 * @guildhall/contracts' partitions). Code names subjects without either; only the wire has them.
 */
export class Topology {
  readonly namespace: string;
  readonly partitions: number;
  private readonly prefix: string;

  constructor(namespace = '', partitions = 1) {
    if (!NAMESPACE.test(namespace))
      throw new Error(`invalid event namespace "${namespace}": use letters, digits, _ or -`);
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS)
      throw new Error(
        `invalid partition count ${partitions}: use a whole number from 1 to ${MAX_PARTITIONS}`,
      );
    this.namespace = namespace;
    this.partitions = partitions;
    this.prefix = namespace ? `${namespace}.` : '';
  }

  stream(name: StreamName): string {
    return this.namespace ? `${this.namespace}_${name}` : name;
  }

  /** A concrete subject as it travels. */
  subject(s: string): string {
    return this.prefix + partitionedSubject(s, this.partitions);
  }

  /** A subscription or consumer filter as it must be asked: for one partition, or all of them. */
  filter(f: string, partition?: number): string {
    return this.prefix + partitionedFilter(f, this.partitions, partition);
  }

  /** A stream's own subjects (`discord.>`): the namespace only, they cover every partition. */
  streamSubject(s: string): string {
    return this.prefix + s;
  }

  /** Inverse of subject(); a subject outside this namespace is returned unchanged. */
  strip(subject: string): string {
    if (this.prefix && !subject.startsWith(this.prefix)) return subject;
    return unpartitionedSubject(subject.slice(this.prefix.length), this.partitions);
  }
}
