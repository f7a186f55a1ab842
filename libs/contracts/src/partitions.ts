import { STREAMS } from './subjects';

/**
 * How events are spread over partitions (see docs/partitions.md). With P > 1 every subject of a
 * partitioned family carries its partition right after the family, before the guild:
 * `discord.<guildId>.message.created` travels as `discord.<p>.<guildId>.message.created`. The
 * partition is a function of the guild id only, so a guild's events stay in one ordered feed.
 * With P = 1 subjects travel as they are named (the layout before partitions).
 *
 * Code names subjects without the partition (envelopes, handlers, dead letters); only the
 * topology puts it on the wire and takes it off again.
 */

/** The families of the streams a service consumes by guild; DEAD is read by operators, not partitioned. */
const PARTITIONED = new Set(
  (['DISCORD', 'DOMAIN', 'ACTIONS'] as const).flatMap((s) => STREAMS[s].subjects.map((f) => f.split('.')[0])),
);

export const MAX_PARTITIONS = 1024;

/** FNV-1a of the guild id, modulo `count`: stable across processes, languages and restarts. */
export function partitionOf(guildId: string, count: number): number {
  if (count <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < guildId.length; i++) {
    h ^= guildId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/** A concrete subject as it travels: `discord.1.message.created` → `discord.<p>.1.message.created`. */
export function partitionedSubject(subject: string, count: number): string {
  if (count <= 1) return subject;
  const dot = subject.indexOf('.');
  if (dot < 0 || !PARTITIONED.has(subject.slice(0, dot))) return subject;
  const next = subject.indexOf('.', dot + 1);
  const guild = next < 0 ? subject.slice(dot + 1) : subject.slice(dot + 1, next);
  return `${subject.slice(0, dot)}.${partitionOf(guild, count)}.${subject.slice(dot + 1)}`;
}

/** Inverse of partitionedSubject(). */
export function unpartitionedSubject(subject: string, count: number): string {
  if (count <= 1) return subject;
  const dot = subject.indexOf('.');
  if (dot < 0 || !PARTITIONED.has(subject.slice(0, dot))) return subject;
  const next = subject.indexOf('.', dot + 1);
  return next < 0 ? subject : subject.slice(0, dot) + subject.slice(next);
}

/**
 * A consumer's filter as it must be asked of the server: for one `partition`, or for all of them
 * when it is undefined. `discord.*.message.created` → `discord.3.*.message.created` (or
 * `discord.*.*.message.created`); a filter naming a guild goes to that guild's partition.
 */
export function partitionedFilter(filter: string, count: number, partition?: number): string {
  if (count <= 1) return filter;
  const tokens = filter.split('.');
  if (tokens.length < 2 || !PARTITIONED.has(tokens[0])) return filter;
  const guild = tokens[1];
  if (guild === '*' || guild === '>') {
    return [tokens[0], partition === undefined ? '*' : String(partition), ...tokens.slice(1)].join('.');
  }
  const own = partitionOf(guild, count);
  if (partition !== undefined && partition !== own)
    throw new Error(`filter ${filter} names guild ${guild}, which is in partition ${own}, not ${partition}`);
  return [tokens[0], String(own), ...tokens.slice(1)].join('.');
}
