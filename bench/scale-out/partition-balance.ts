import { partitionOf } from '@guildhall/contracts';
import { assignPartitions } from '@guildhall/eventing';

/**
 * How evenly guilds of very different sizes spread over replicas, through exactly the two steps
 * the platform takes: a guild's partition is `partitionOf(guildId, P)`, and the replicas share
 * the partitions by `assignPartitions(members, P)`. Pure: the numbers come from a seed.
 */

export interface Guild {
  id: string;
  /** Members; a guild's load (messages to apply) is taken as proportional to it. */
  size: number;
}

/** mulberry32: a small seeded generator, so every run of the table prints the same figures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Zipf's law: the k-th largest of `n` guilds has `largest / k^exponent` members (at least 1).
 * With exponent 1 and 10,000 guilds the largest holds 1/H(10,000) ≈ 10 % of all members, the
 * top 100 about half: a few big communities and a long tail of small ones.
 */
export function zipfSizes(n: number, largest: number, exponent = 1): number[] {
  return Array.from({ length: n }, (_, k) => Math.max(1, Math.round(largest / (k + 1) ** exponent)));
}

const YEAR_MS = 365 * 86_400_000;

/** A Discord-like snowflake: a moment in the platform's first ten years, then 22 random low bits. */
export function snowflakeId(random: () => number): string {
  const ms = BigInt(Math.floor(random() * 10 * YEAR_MS));
  return ((ms << 22n) | BigInt(Math.floor(random() * 2 ** 22))).toString();
}

/** `n` guilds of Zipf-distributed sizes under random snowflake ids. */
export function zipfGuilds(n: number, largest: number, random: () => number, exponent = 1): Guild[] {
  return zipfSizes(n, largest, exponent).map((size) => ({ id: snowflakeId(random), size }));
}

/** Member ids as replicas make them (`host:pid:random`), with Kubernetes pod names for hosts. */
export function replicaIds(n: number, random: () => number): string[] {
  const hex = (digits: number) =>
    Math.floor(random() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  return Array.from({ length: n }, () => `xp-${hex(9)}-${hex(5)}:1:${hex(6)}`);
}

/** The load every replica applies: guild → partition → replica, as the platform assigns them. */
export function replicaLoads(guilds: readonly Guild[], partitions: number, replicas: string[]): number[] {
  const perPartition = new Array<number>(partitions).fill(0);
  for (const g of guilds) perPartition[partitionOf(g.id, partitions)] += g.size;
  const assignment = assignPartitions(replicas, partitions);
  return replicas.map((r) => (assignment.get(r) ?? []).reduce((sum, p) => sum + perPartition[p], 0));
}

/** The busiest replica over the average one, idle replicas included: 1 is perfect balance. */
export function maxOverMean(loads: readonly number[]): number {
  const total = loads.reduce((a, b) => a + b, 0);
  return total === 0 ? 1 : Math.max(...loads) / (total / loads.length);
}

/** The largest guild's part of all load. */
export function largestShare(guilds: readonly Guild[]): number {
  const total = guilds.reduce((a, g) => a + g.size, 0);
  return Math.max(...guilds.map((g) => g.size)) / total;
}

/** No assignment does better: a guild is never split, so its replica carries at least all of it. */
export function largestGuildBound(guilds: readonly Guild[], replicas: number): number {
  return Math.max(1, largestShare(guilds) * replicas);
}

export interface BalanceOptions {
  guilds: number;
  /** Members of the largest guild (only ratios are printed, so this sets the tail's rounding). */
  largest: number;
  partitionCounts: number[];
  replicaCounts: number[];
  /** Fresh guild ids and replica ids each draw: the figures are a median and a worst case. */
  draws: number;
  seed: number;
}

export interface BalanceCell {
  partitions: number;
  replicas: number;
  median: number;
  worst: number;
  /** Replicas that hold no partition (more replicas than partitions). */
  idle: number;
}

export interface BalanceTable {
  cells: BalanceCell[];
  /** The largest guild's floor under max/mean, by replica count. */
  bounds: Map<number, number>;
  /** The largest guild's part of all load. */
  largestShare: number;
}

export function balanceTable(o: BalanceOptions): BalanceTable {
  const random = seededRandom(o.seed);
  const samples = new Map<string, number[]>();
  const key = (p: number, r: number) => `${p}/${r}`;
  let guilds: Guild[] = [];
  for (let d = 0; d < o.draws; d++) {
    guilds = zipfGuilds(o.guilds, o.largest, random);
    for (const r of o.replicaCounts) {
      const replicas = replicaIds(r, random);
      for (const p of o.partitionCounts) {
        const list = samples.get(key(p, r)) ?? [];
        list.push(maxOverMean(replicaLoads(guilds, p, replicas)));
        samples.set(key(p, r), list);
      }
    }
  }
  const cells = o.replicaCounts.flatMap((replicas) =>
    o.partitionCounts.map((partitions) => {
      const s = [...(samples.get(key(partitions, replicas)) ?? [])].sort((a, b) => a - b);
      return {
        partitions,
        replicas,
        median: s[Math.floor((s.length - 1) / 2)],
        worst: s[s.length - 1],
        idle: Math.max(0, replicas - partitions),
      };
    }),
  );
  const bounds = new Map(o.replicaCounts.map((r) => [r, largestGuildBound(guilds, r)]));
  return { cells, bounds, largestShare: largestShare(guilds) };
}
